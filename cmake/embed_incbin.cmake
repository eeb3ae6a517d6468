# Shared by the build-time scripts that put files in .rodata with the assembler's .incbin
# (cmake/embed_regions.cmake, web/embed_assets.cmake): the asm for one file, and writing the
# generated source only when it changed.

# Appends to VAR the asm for PATH: its SHA-256 (inside the asm string, so that it survives
# preprocessing: a changed file changes the translation unit and neither Ninja nor ccache serves a
# stale copy), then its bytes between the global symbols SYMBOL_begin and SYMBOL_end.
function(xf_append_incbin var symbol path)
  file(SHA256 "${path}" digest)
  string(REPLACE "\\" "\\\\" quoted "${path}")
  string(REPLACE "\"" "\\\"" quoted "${quoted}")
  set(text "${${var}}")
  string(APPEND text
    "  /* sha256 ${digest} */\n"
    "  .balign 16\n"
    "  .globl ${symbol}_begin\n  .globl ${symbol}_end\n"
    "${symbol}_begin:\n"
    "  .incbin \"${quoted}\"\n"
    "${symbol}_end:\n")
  set(${var} "${text}" PARENT_SCOPE)
endfunction()

# Writes TEXT to OUT unless OUT already holds it, so an unchanged input recompiles nothing.
function(xf_write_if_changed out text)
  if(EXISTS "${out}")
    file(READ "${out}" old)
    if(old STREQUAL text)
      return()
    endif()
  endif()
  file(WRITE "${out}" "${text}")
endfunction()
