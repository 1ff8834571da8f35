"""Reading uploaded documents: what a file really is (by content) and its text.

`sniff` tells a PDF, DOCX, DOC or plain text apart by their bytes; `runner` extracts text in a
child process (`child`, which imports nothing from Django) under page, character, memory and
wall-clock limits.
"""
