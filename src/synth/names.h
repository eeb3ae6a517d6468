// Plausible Chinese names for synthetic entities: companies ("<place><trade name><industry
// word>有限公司") and people (common surnames and given-name characters).
#pragma once

#include <string>
#include <string_view>

#include "synth/rng.h"

namespace xf::synth {

// `place` (e.g. a district, its 区/县 suffix dropped) and `industry` may be empty. Known
// industries map to the word companies of that trade use (造纸 → 纸业); others are used as is.
std::string MakeCompanyName(std::string_view place, std::string_view industry,
                            std::string_view suffix, Rng* rng);
std::string MakePersonName(Rng* rng);

}  // namespace xf::synth
