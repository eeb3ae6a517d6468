#include "catalog/names.h"

#include <time.h>

#include <charconv>
#include <cstdio>

#include "core/error.h"
#include "core/strings.h"

namespace xf::catalog {

const char* RunStatusName(RunStatus s) {
  switch (s) {
    case RunStatus::kRunning:
      return "running";
    case RunStatus::kComplete:
      return "complete";
    case RunStatus::kFailed:
      return "failed";
    case RunStatus::kAborted:
      return "aborted";
  }
  return "unknown";
}

std::optional<RunStatus> ParseRunStatus(std::string_view text) {
  for (RunStatus s :
       {RunStatus::kRunning, RunStatus::kComplete, RunStatus::kFailed, RunStatus::kAborted}) {
    if (text == RunStatusName(s)) return s;
  }
  return std::nullopt;
}

int64_t NowMicros() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

namespace {

tm UtcTm(int64_t unix_micros) {
  const time_t secs = static_cast<time_t>(unix_micros >= 0 ? unix_micros / 1000000
                                                           : (unix_micros - 999999) / 1000000);
  tm t{};
  gmtime_r(&secs, &t);
  return t;
}

}  // namespace

std::string IsoUtc(int64_t unix_micros) {
  const tm t = UtcTm(unix_micros);
  const int64_t millis = ((unix_micros % 1000000 + 1000000) % 1000000) / 1000;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.tm_year + 1900,
                t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, static_cast<int>(millis));
  return buf;
}

std::string ScenarioSlug(std::string_view scenario) {
  while (!scenario.empty() && scenario.back() == '/') scenario.remove_suffix(1);
  const size_t slash = scenario.rfind('/');
  if (slash != std::string_view::npos) scenario.remove_prefix(slash + 1);
  std::string slug;
  for (char ch : scenario) {
    const char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  if (slug.size() > 48) slug.resize(48);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "run" : slug;
}

std::string MakeRunId(int64_t unix_micros, std::string_view scenario, uint64_t salt) {
  const tm t = UtcTm(unix_micros);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ-", t.tm_year + 1900, t.tm_mon + 1,
                t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
  char hex[24];
  std::snprintf(hex, sizeof hex, "%04x", static_cast<unsigned>(salt & 0xFFFF));
  return buf + ScenarioSlug(scenario) + "-" + hex;
}

void CheckDatasetName(std::string_view name) {
  auto bad = [&](const std::string& why) {
    throw Error(ErrorKind::kUsage, "invalid dataset name '" + std::string(name) + "': " + why);
  };
  if (name.empty()) bad("it is empty");
  if (name.size() > 128) bad("longer than 128 bytes");
  if (!IsValidUtf8(name)) bad("not valid UTF-8");
  if (name.front() == '.') bad("it starts with '.'");
  for (char c : name) {
    if (c == '/' || c == '\\' || c == '@') bad(std::string("it contains '") + c + "'");
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) bad("it contains a control character");
  }
}

DatasetRef ParseDatasetRef(std::string_view text) {
  DatasetRef ref;
  const size_t at = text.rfind('@');
  ref.name = std::string(text.substr(0, at));
  if (at != std::string_view::npos) {
    std::string_view v = text.substr(at + 1);
    if (!v.empty() && (v.front() == 'v' || v.front() == 'V')) v.remove_prefix(1);
    int64_t n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < 1) {
      throw Error(ErrorKind::kUsage,
                  "'" + std::string(text) + "': expected NAME or NAME@vN with N a version ≥ 1");
    }
    ref.version = n;
  }
  CheckDatasetName(ref.name);
  return ref;
}

bool LooksLikeDatasetRef(std::string_view text) {
  try {
    ParseDatasetRef(text);
    return true;
  } catch (const Error&) {
    return false;
  }
}

std::string FormatDatasetRef(const DatasetRef& ref) {
  return ref.version > 0 ? ref.name + "@v" + std::to_string(ref.version) : ref.name;
}

}  // namespace xf::catalog
