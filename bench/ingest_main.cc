// Reads one file with the engine's reader and reports what the ingest benchmark records:
//   xf_ingest FILE   → rows, rejects, seconds, MB/s (input bytes), peak RSS
// Used by bench/run-core.sh on the generated 1 GB CSV; a separate process so peak RSS is the
// ingest's own.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/error.h"
#include "io/table_file.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: xf_ingest FILE\n");
    return 2;
  }
  try {
    const auto bytes = std::filesystem::file_size(argv[1]);
    const auto start = std::chrono::steady_clock::now();
    const xf::ReadResult r = xf::ReadTableFile(argv[1]);
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("file=%s bytes=%llu rows=%lld rejects=%lld encoding=%s seconds=%.3f MBps=%.1f peak_rss_MB=%.0f\n",
                argv[1], static_cast<unsigned long long>(bytes),
                static_cast<long long>(r.table->num_rows()),
                static_cast<long long>(r.rejects->num_rows()), r.encoding.c_str(), s,
                static_cast<double>(bytes) / 1e6 / s, static_cast<double>(ru.ru_maxrss) / 1024.0);
  } catch (const xf::Error& e) {
    std::fprintf(stderr, "xf_ingest: %s\n", e.what());
    return 1;
  }
  return 0;
}
