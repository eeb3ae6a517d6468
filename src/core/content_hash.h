// Content fingerprints: a logical hash of a table (what the workspace uses to tell whether a
// dataset changed) and the SHA-256 of a file (what an exported output is proven by).
#pragma once

#include <string>

#include "core/table.h"

namespace xf {

// "xxh128:<32 lowercase hex>" over the schema (column names and types, in order) and the values.
// Logical, not physical: a NULL hashes the same whatever bytes its slot holds, strings hash by
// content (not by offsets or buffer layout), NaNs hash alike, and the result does not depend on
// how the table was built, sliced or chunked, nor on the thread count. Equal tables (same schema,
// same values row by row) give equal hashes; any changed name, type, value, NULL or row order
// changes it (up to the 2^-128 collision odds of XXH3-128, which is not a cryptographic hash).
std::string TableContentHash(const Table& table);

// "sha256:<64 lowercase hex>" of the file's bytes (OpenSSL EVP). Throws Error(kIo) naming the
// file when it cannot be opened or read.
std::string FileSha256(const std::string& path);

}  // namespace xf
