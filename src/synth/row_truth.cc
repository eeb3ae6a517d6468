// `truth:` on entities, derived and events tables: the rows a scenario planted on purpose (a
// duplicate application, a mismatched registration) as `<name>__truth`, read from the full table
// so hidden generator columns (the planted flag, the original's id) can label rows without being
// published in the table itself.
#include "synth/kinds.h"

namespace xf::synth {

TablePtr RowTruth(const SpecNode& spec, const Table& full) {
  if (!spec.IsMap()) spec.Fail("expected {where: <condition>, select: [columns]}");
  spec.CheckKeys({"where", "select"});
  const std::vector<uint8_t> mask = RowMask(spec.Required("where"), full);
  std::vector<int64_t> rows;
  for (int64_t i = 0; i < full.num_rows(); ++i) {
    if (mask[static_cast<size_t>(i)]) rows.push_back(i);
  }
  const SpecNode select = spec.Required("select");
  if (!select.IsSequence() || select.Items().empty()) {
    select.Fail("expected a list of columns ([a, {new_name: column}])");
  }
  return SelectColumns(select, full)->Take(rows);
}

}  // namespace xf::synth
