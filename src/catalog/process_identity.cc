#include "catalog/process_identity.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

namespace xf::catalog {

std::string HostName() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "";
  return buf;
}

namespace {

std::string BootId() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

struct ProcStat {
  std::string state;        // field 3: R, S, D, Z (zombie: ended, not yet reaped), ...
  std::string start_ticks;  // field 22
};

// The command name (field 2) is in parentheses and may hold spaces or ')', so fields are
// counted from the last ')'.
ProcStat ReadProcStat(int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return {};
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest(stat.substr(close + 1));
  ProcStat out;
  std::string field;
  for (int k = 3; k <= 22; ++k) {
    if (!(rest >> field)) return {};
    if (k == 3) out.state = field;
  }
  out.start_ticks = field;
  return out;
}

}  // namespace

std::string ProcessToken(int64_t pid) {
  const std::string ticks = ReadProcStat(pid).start_ticks;
  if (ticks.empty()) return "";
  return BootId() + ":" + ticks;
}

ProcessState RecordedProcessState(const std::string& host, int64_t pid, const std::string& token) {
  if (!host.empty() && host != HostName()) return ProcessState::kUnknown;
  if (pid <= 0) return ProcessState::kGone;
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return ProcessState::kGone;
  // The pid exists (or EPERM: exists, another user's). Is it still the same process?
  if (ReadProcStat(pid).state == "Z") return ProcessState::kGone;
  if (!token.empty()) {
    const std::string now = ProcessToken(pid);
    if (!now.empty() && now != token) return ProcessState::kGone;
  }
  return ProcessState::kAlive;
}

}  // namespace xf::catalog
