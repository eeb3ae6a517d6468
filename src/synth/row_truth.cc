// `truth:` on entities, derived and events tables: the rows a scenario planted on purpose (a
// duplicate application, a mismatched registration) as `<name>__truth`, read from the full table
// so hidden generator columns (the planted flag, the original's id) can label rows without being
// published in the table itself.
#include <fmt/format.h>

#include "synth/kinds.h"
#include "synth/spec_util.h"

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
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (const SpecNode& item : select.Items()) {
    std::string out, in;
    if (item.IsMap()) {
      const auto entries = item.Entries();
      if (entries.size() != 1) item.Fail("expected {new_name: column}");
      out = entries[0].first;
      in = entries[0].second.AsString();
    } else {
      out = in = item.AsString();
    }
    const ColumnPtr& c = ColumnOf(full, in, item);
    fields.push_back({out, c->type()});
    cols.push_back(c->Take(rows));
  }
  return Table::Make(Schema(fields), cols);
}

}  // namespace xf::synth
