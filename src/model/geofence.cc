#include "model/geofence.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/error.h"
#include "model/column_values.h"

namespace xf::model {

namespace {

constexpr double kEdgeTolerance = 1e-12;

bool OnSegment(const LonLat& a, const LonLat& b, double x, double y) {
  const double cross = (b.lon - a.lon) * (y - a.lat) - (b.lat - a.lat) * (x - a.lon);
  const double len = std::hypot(b.lon - a.lon, b.lat - a.lat);
  if (std::fabs(cross) > kEdgeTolerance * std::max(len, 1.0)) return false;
  return x >= std::min(a.lon, b.lon) - kEdgeTolerance &&
         x <= std::max(a.lon, b.lon) + kEdgeTolerance &&
         y >= std::min(a.lat, b.lat) - kEdgeTolerance &&
         y <= std::max(a.lat, b.lat) + kEdgeTolerance;
}

[[noreturn]] void BadWkt(const std::string& wkt, const std::string& why) {
  throw Error(ErrorKind::kData, fmt::format("bad WKT polygon ({}): '{}'", why, wkt.substr(0, 80)));
}

void DropClosingVertex(std::vector<LonLat>& ring) {
  if (ring.size() > 1 && ring.front().lon == ring.back().lon &&
      ring.front().lat == ring.back().lat) {
    ring.pop_back();
  }
}

}  // namespace

void Polygon::ComputeBounds() {
  min_lon = min_lat = std::numeric_limits<double>::infinity();
  max_lon = max_lat = -std::numeric_limits<double>::infinity();
  for (const LonLat& p : rings.empty() ? std::vector<LonLat>{} : rings[0]) {
    min_lon = std::min(min_lon, p.lon);
    max_lon = std::max(max_lon, p.lon);
    min_lat = std::min(min_lat, p.lat);
    max_lat = std::max(max_lat, p.lat);
  }
}

bool Polygon::Contains(double lat, double lon) const {
  if (!(lon >= min_lon - kEdgeTolerance && lon <= max_lon + kEdgeTolerance &&
        lat >= min_lat - kEdgeTolerance && lat <= max_lat + kEdgeTolerance)) {
    return false;
  }
  bool inside = false;
  for (const auto& ring : rings) {
    const size_t n = ring.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
      const LonLat& a = ring[i];
      const LonLat& b = ring[j];
      if (OnSegment(a, b, lon, lat)) return true;
      // Half-open rule on latitude so a ray through a vertex counts it once.
      if ((a.lat > lat) != (b.lat > lat)) {
        const double x = a.lon + (lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
        if (lon < x) inside = !inside;
      }
    }
  }
  return inside;
}

std::vector<std::vector<LonLat>> ParseWktPolygon(const std::string& wkt) {
  size_t i = 0;
  auto skip = [&] {
    while (i < wkt.size() && std::isspace(static_cast<unsigned char>(wkt[i]))) ++i;
  };
  skip();
  std::string word;
  while (i < wkt.size() && std::isalpha(static_cast<unsigned char>(wkt[i]))) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(wkt[i++])));
  }
  if (word != "POLYGON") BadWkt(wkt, "expected POLYGON");
  skip();
  if (i >= wkt.size() || wkt[i++] != '(') BadWkt(wkt, "expected '('");
  std::vector<std::vector<LonLat>> rings;
  for (;;) {
    skip();
    if (i >= wkt.size() || wkt[i++] != '(') BadWkt(wkt, "expected '(' opening a ring");
    std::vector<LonLat> ring;
    for (;;) {
      double xy[2];
      for (double& v : xy) {
        skip();
        const char* begin = wkt.c_str() + i;
        char* end = nullptr;
        v = std::strtod(begin, &end);
        if (end == begin || !std::isfinite(v)) BadWkt(wkt, "expected a number");
        i += static_cast<size_t>(end - begin);
      }
      ring.push_back({xy[0], xy[1]});
      skip();
      if (i < wkt.size() && wkt[i] == ',') {
        ++i;
        continue;
      }
      if (i < wkt.size() && wkt[i] == ')') {
        ++i;
        break;
      }
      BadWkt(wkt, "expected ',' or ')'");
    }
    DropClosingVertex(ring);
    rings.push_back(std::move(ring));
    skip();
    if (i < wkt.size() && wkt[i] == ',') {
      ++i;
      continue;
    }
    if (i < wkt.size() && wkt[i] == ')') {
      ++i;
      break;
    }
    BadWkt(wkt, "expected ',' or ')' after a ring");
  }
  skip();
  if (i != wkt.size()) BadWkt(wkt, "trailing text");
  return rings;
}

std::vector<Polygon> FencesFromTable(const Table& table, const FenceColumns& c) {
  auto ids = TextValues(table, c.id);
  std::vector<Polygon> out;
  std::map<std::string, size_t> index;
  auto fence_of = [&](const std::string& id) -> size_t {
    auto [it, fresh] = index.try_emplace(id, out.size());
    if (fresh) out.push_back(Polygon{.id = id});
    return it->second;
  };
  if (!c.wkt.empty()) {
    auto wkt = TextValues(table, c.wkt);
    for (size_t r = 0; r < ids.size(); ++r) {
      if (!ids[r]) ThrowRowError(c.id, static_cast<int64_t>(r), "fence id is NULL");
      if (!wkt[r]) ThrowRowError(c.wkt, static_cast<int64_t>(r), "polygon is NULL");
      Polygon& p = out[fence_of(*ids[r])];
      if (!p.rings.empty())
        ThrowRowError(c.id, static_cast<int64_t>(r),
                      fmt::format("fence '{}' appears twice", *ids[r]));
      try {
        p.rings = ParseWktPolygon(*wkt[r]);
      } catch (Error& e) {
        e.WithColumnName(c.wkt);
        throw Error(e.kind(), fmt::format("row {}: {}", r + 1, e.message()), e.context());
      }
    }
  } else {
    auto lat = NumericValues(table, c.lat), lon = NumericValues(table, c.lon);
    std::vector<double> order, ring;
    if (!c.order.empty()) order = NumericValues(table, c.order);
    if (!c.ring.empty()) ring = NumericValues(table, c.ring);
    // fence → ring number → (order, row, point)
    std::vector<std::map<double, std::vector<std::tuple<double, size_t, LonLat>>>> parts;
    for (size_t r = 0; r < ids.size(); ++r) {
      if (!ids[r]) ThrowRowError(c.id, static_cast<int64_t>(r), "fence id is NULL");
      if (!std::isfinite(lat[r]) || !std::isfinite(lon[r])) {
        ThrowRowError(std::isfinite(lat[r]) ? c.lon : c.lat, static_cast<int64_t>(r),
                      "vertex coordinate is NULL or not finite");
      }
      const size_t f = fence_of(*ids[r]);
      if (parts.size() <= f) parts.resize(f + 1);
      const double rn = ring.empty() || std::isnan(ring[r]) ? 0 : ring[r];
      const double on = order.empty() || std::isnan(order[r]) ? static_cast<double>(r) : order[r];
      parts[f][rn].push_back({on, r, LonLat{lon[r], lat[r]}});
    }
    for (size_t f = 0; f < out.size(); ++f) {
      for (auto& [rn, pts] : parts[f]) {
        std::stable_sort(pts.begin(), pts.end(), [](const auto& a, const auto& b) {
          return std::get<0>(a) < std::get<0>(b);
        });
        std::vector<LonLat> ringv;
        for (const auto& t : pts) ringv.push_back(std::get<2>(t));
        DropClosingVertex(ringv);
        out[f].rings.push_back(std::move(ringv));
      }
    }
  }
  for (Polygon& p : out) {
    for (const auto& r : p.rings) {
      std::set<std::pair<double, double>> distinct;
      for (const LonLat& v : r) distinct.insert({v.lon, v.lat});
      if (distinct.size() < 3) {
        SourceContext where;
        where.column_name = c.id;
        throw Error(ErrorKind::kData,
                    fmt::format("fence '{}' has a ring with fewer than 3 distinct vertices", p.id),
                    where);
      }
    }
    p.ComputeBounds();
  }
  return out;
}

FenceIndex::FenceIndex(const std::vector<Polygon>* fences) : fences_(fences) {
  by_min_lon_.resize(fences->size());
  std::iota(by_min_lon_.begin(), by_min_lon_.end(), 0);
  std::stable_sort(by_min_lon_.begin(), by_min_lon_.end(), [&](int32_t a, int32_t b) {
    return (*fences)[static_cast<size_t>(a)].min_lon < (*fences)[static_cast<size_t>(b)].min_lon;
  });
  for (const Polygon& p : *fences) max_width_ = std::max(max_width_, p.max_lon - p.min_lon);
}

void FenceIndex::Containing(double lat, double lon, std::vector<int32_t>* out) const {
  out->clear();
  if (!std::isfinite(lat) || !std::isfinite(lon)) return;
  // Only fences whose min_lon lies in [lon − widest fence, lon] can hold the point.
  const double lo = lon - max_width_ - 2 * kEdgeTolerance;
  auto it = std::lower_bound(by_min_lon_.begin(), by_min_lon_.end(), lo, [&](int32_t f, double v) {
    return (*fences_)[static_cast<size_t>(f)].min_lon < v;
  });
  for (; it != by_min_lon_.end() &&
         (*fences_)[static_cast<size_t>(*it)].min_lon <= lon + kEdgeTolerance;
       ++it) {
    if ((*fences_)[static_cast<size_t>(*it)].Contains(lat, lon)) out->push_back(*it);
  }
  std::sort(out->begin(), out->end());
}

void TrackEvents(const std::vector<TrackPoint>& track, const FenceIndex& index, int64_t min_dwell,
                 std::vector<FenceEvent>* out) {
  std::map<int32_t, std::pair<int64_t, bool>> open;  // fence → (visit start, dwell emitted)
  std::vector<int32_t> now;
  for (const TrackPoint& p : track) {
    if (!std::isfinite(p.lat) || !std::isfinite(p.lon)) continue;  // a GPS gap is not an exit
    index.Containing(p.lat, p.lon, &now);
    // Exits first (fences open but not containing this point), by fence order.
    for (auto it = open.begin(); it != open.end();) {
      if (std::binary_search(now.begin(), now.end(), it->first)) {
        ++it;
        continue;
      }
      out->push_back(
          {p.row, it->first, "exit", p.time, it->second.first, p.time - it->second.first});
      it = open.erase(it);
    }
    for (int32_t f : now) {
      if (open.count(f)) continue;
      open[f] = {p.time, false};
      out->push_back({p.row, f, "enter", p.time, p.time, 0});
    }
    if (min_dwell <= 0) continue;
    for (auto& [f, visit] : open) {
      if (!visit.second && p.time - visit.first >= min_dwell) {
        visit.second = true;
        out->push_back({p.row, f, "dwell", p.time, visit.first, p.time - visit.first});
      }
    }
  }
}

std::vector<int32_t> AssignedFences(const std::vector<Polygon>& fences,
                                    const std::vector<std::optional<std::string>>& ids,
                                    const std::string& column) {
  std::unordered_map<std::string, int32_t> by_id;
  for (size_t f = 0; f < fences.size(); ++f) by_id.emplace(fences[f].id, static_cast<int32_t>(f));
  std::vector<int32_t> out(ids.size(), -1);
  const std::string* last = nullptr;  // consecutive points mostly name the same fence
  int32_t last_fence = -1;
  for (size_t r = 0; r < ids.size(); ++r) {
    if (!ids[r]) continue;
    if (last == nullptr || *last != *ids[r]) {
      auto it = by_id.find(*ids[r]);
      if (it == by_id.end()) {
        ThrowRowError(column, static_cast<int64_t>(r),
                      fmt::format("fence '{}' is not among the {} fences", *ids[r], fences.size()));
      }
      last = &*ids[r];
      last_fence = it->second;
    }
    out[r] = last_fence;
  }
  return out;
}

int32_t AssignedContaining(const std::vector<Polygon>& fences, int32_t fence, double lat,
                           double lon) {
  if (fence < 0 || !std::isfinite(lat) || !std::isfinite(lon)) return -1;
  return fences[static_cast<size_t>(fence)].Contains(lat, lon) ? fence : -1;
}

void AssignedTrackEvents(const std::vector<TrackPoint>& track, const std::vector<Polygon>& fences,
                         int64_t min_dwell, std::vector<FenceEvent>* out) {
  const size_t first = out->size();
  std::map<int32_t, std::pair<int64_t, bool>> open;  // fence → (visit start, dwell emitted)
  for (const TrackPoint& p : track) {
    // A GPS gap, or a point naming no fence, says nothing about any visit.
    if (p.fence < 0 || !std::isfinite(p.lat) || !std::isfinite(p.lon)) continue;
    const bool inside = AssignedContaining(fences, p.fence, p.lat, p.lon) >= 0;
    auto it = open.find(p.fence);
    if (it != open.end() && !inside) {
      out->push_back({p.row, p.fence, "exit", p.time, it->second.first, p.time - it->second.first});
      open.erase(it);
      continue;
    }
    if (it == open.end()) {
      if (!inside) continue;
      it = open.emplace(p.fence, std::make_pair(p.time, false)).first;
      out->push_back({p.row, p.fence, "enter", p.time, p.time, 0});
    }
    auto& [start, dwelt] = it->second;
    if (min_dwell > 0 && !dwelt && p.time - start >= min_dwell) {
      dwelt = true;
      out->push_back({p.row, p.fence, "dwell", p.time, start, p.time - start});
    }
  }
  // Points of several fences at one instant: put their events in TrackEvents' order.
  auto rank = [](const std::string& e) { return e == "exit" ? 0 : e == "enter" ? 1 : 2; };
  std::stable_sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
                   [&](const FenceEvent& a, const FenceEvent& b) {
                     return std::tuple(a.time, rank(a.event), a.fence) <
                            std::tuple(b.time, rank(b.event), b.fence);
                   });
}

}  // namespace xf::model
