// The `xfactor` command.
#include <cstdio>

#include "core/error.h"

int main(int argc, char** argv) {
  std::printf("xfactor %s\n", XF_VERSION);
  return 0;
}
