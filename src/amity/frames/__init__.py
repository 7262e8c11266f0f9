"""amity.frames"""
