"""amity.states"""
