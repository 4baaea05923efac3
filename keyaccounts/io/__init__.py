"""Files in and out: contact and order imports, exports, iCalendar, PDF reports.

Imports services, storage and the domain; never Qt.
"""
