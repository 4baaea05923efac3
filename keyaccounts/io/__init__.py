"""Files in and out: contact and order imports (``importer`` with ``vcard``, ``xlsx`` and
``decoding``; ``orders``; ``upload``: a personal file into a team database), exports
(``exporter``), iCalendar and its publishing to a calendar server (``ics``,
``publish``), PDF reports and their charts (``report``, ``plotting``; ``fonts/``: their
CJK font and its licence).

Imports services, storage and the domain; never cli, devtools or Qt. A new file format
goes here, calling services (or one unit of work, all or nothing) to write.
"""
