// Names of the columns appended to rows that a standard (validate) or a cleaning step sets aside,
// one set for both so every quarantined row reads the same way.
#pragma once

namespace xf::govern {

inline constexpr char kRulesColumn[] = "_rules";          // ids of the rules the row fails
inline constexpr char kReasonsColumn[] = "_reasons";      // their readable reasons
inline constexpr char kSourceColumn[] = "_source";        // source file or table (validate only)
inline constexpr char kSourceRowColumn[] = "_source_row";  // 1-based row in the source / input

}  // namespace xf::govern
