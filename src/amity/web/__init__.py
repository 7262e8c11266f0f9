"""amity.web"""
