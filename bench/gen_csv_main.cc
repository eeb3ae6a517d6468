// Writes a deterministic mixed-type CSV of about the requested size, for ingest benchmarks:
//   xf_gen_csv OUT.csv SIZE_MB [gb18030]
// Columns: id int64, meter string code, ts timestamp, day date, kwh float64, kva int64,
// region (Chinese text), ok bool. Hand-written rather than through the CSV writer so the bytes
// do not depend on the code being measured.
#include <iconv.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "core/time.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: xf_gen_csv OUT.csv SIZE_MB [gb18030]\n");
    return 2;
  }
  const int64_t target = std::atoll(argv[2]) * 1000 * 1000;
  const bool gb = argc > 3 && std::string(argv[3]) == "gb18030";
  std::FILE* f = std::fopen(argv[1], "wb");
  if (!f) {
    std::perror(argv[1]);
    return 1;
  }
  static const char* kRegions[] = {"杭州市上城区", "杭州市拱墅区", "宁波市海曙区", "温州市鹿城区",
                                    "嘉兴市南湖区", "湖州市吴兴区", "绍兴市越城区", "金华市婺城区"};
  iconv_t cd = gb ? iconv_open("GB18030", "UTF-8") : nullptr;
  std::mt19937_64 rng(42);
  std::string line, out;
  int64_t written = 0;
  const int64_t t0 = xf::FromCivil({{2024, 1, 1}, 0, 0, 0, 0});
  out = "id,meter,ts,day,kwh,kva,region,ok\n";
  for (int64_t id = 0; written < target; ++id) {
    const int64_t ts = t0 + static_cast<int64_t>(id % 35040) * 15 * xf::kMicrosPerMinute;
    char buf[256];
    const int n = std::snprintf(buf, sizeof buf, "%lld,M%08llu,", static_cast<long long>(id),
                                static_cast<unsigned long long>(rng() % 100000000));
    line.assign(buf, static_cast<size_t>(n));
    xf::AppendTimestamp(ts, xf::kShanghaiOffsetSeconds, &line);
    line += ',';
    xf::AppendDate(static_cast<int32_t>((ts + 8 * xf::kMicrosPerHour) / xf::kMicrosPerDay), &line);
    const int m = std::snprintf(buf, sizeof buf, ",%.3f,%d,%s,%s\n",
                                static_cast<double>(rng() % 10000000) / 1000.0,
                                static_cast<int>(rng() % 2000), kRegions[rng() % 8],
                                rng() % 2 ? "true" : "false");
    line.append(buf, static_cast<size_t>(m));
    out += line;
    if (out.size() > (1 << 20)) {
      if (gb) {
        std::string conv(out.size() * 2, '\0');
        char* in = out.data();
        size_t inleft = out.size();
        char* o = conv.data();
        size_t oleft = conv.size();
        iconv(cd, &in, &inleft, &o, &oleft);
        conv.resize(conv.size() - oleft);
        out.swap(conv);
      }
      written += static_cast<int64_t>(std::fwrite(out.data(), 1, out.size(), f));
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), f);
  std::fclose(f);
  if (cd) iconv_close(cd);
  return 0;
}
