// File-system steps the workspace needs for crash consistency, with errors that name the path.
#pragma once

#include <string>

namespace xf::catalog {

// mkdir -p; Error(kIo) "cannot create <what>: <reason>" naming `path`.
void CreateDirectories(const std::string& path, const std::string& what);

// fsync of a directory, so that a file created or renamed in it survives a power cut.
void FsyncDir(const std::string& path);

// rename(2); Error(kIo) naming both paths.
void RenameFile(const std::string& from, const std::string& to);

// Best effort: used on error paths, where the first error is the one to report.
void RemoveQuietly(const std::string& path);

}  // namespace xf::catalog
