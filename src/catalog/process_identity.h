// Telling whether the process that started a run is still the one running it, so that runs
// left 'running' by a crash, a SIGKILL or a power cut can be marked 'aborted'.
//
// A pid alone is not enough: pids are reused, and in a container every fresh process may get the
// same pid as the one that crashed. So a run also records its host and a process token (boot id
// + the process's start time in clock ticks, from /proc), which differ between two processes that
// share a pid.
#pragma once

#include <cstdint>
#include <string>

namespace xf::catalog {

// This machine's host name ("" if unknown).
std::string HostName();

// "<boot id>:<start ticks>" for a live process, "" when /proc cannot tell (not Linux, no such
// process, or no permission).
std::string ProcessToken(int64_t pid);

enum class ProcessState {
  kAlive,    // the recorded process is still running
  kGone,     // it has ended (or its pid now belongs to another process)
  kUnknown,  // cannot tell from here (another host)
};

// Whether the process recorded as (host, pid, token) still runs.
ProcessState RecordedProcessState(const std::string& host, int64_t pid, const std::string& token);

}  // namespace xf::catalog
