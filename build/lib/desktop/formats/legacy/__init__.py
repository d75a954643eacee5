"""Legacy and non-OOXML sources: .xls, .ods, PDF annexes, and LibreOffice conversion of .doc/.wps/.et."""
