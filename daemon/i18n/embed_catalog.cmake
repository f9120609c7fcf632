# cmake -DMO=<file.mo> -DLANG=<nl> -DOUT=<file.cc> -P embed_catalog.cmake
# Writes the .mo's bytes as a C array kluis_catalog_<lang>[] with its size,
# so that translator.cc needs no file at run time.
file(READ "${MO}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}"
  "// Generated from po/${LANG}.po by embed_catalog.cmake.\n"
  "extern \"C\" const unsigned char kluis_catalog_${LANG}[];\n"
  "extern \"C\" const unsigned long kluis_catalog_${LANG}_size;\n"
  "const unsigned char kluis_catalog_${LANG}[] = {\n${bytes}\n};\n"
  "const unsigned long kluis_catalog_${LANG}_size = ${size};\n")
