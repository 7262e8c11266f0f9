"""amity.data"""
