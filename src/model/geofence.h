// Geofences: polygons (with holes) on lat/lon, point-in-polygon tests, enter/exit/dwell events
// from tracks, and grid binning for heat maps.
//
// Geometry is planar in (lon, lat) degrees — right for fences of city or plant scale, which is
// what the guideline's scenarios draw (parks, reservoirs, restricted zones); a fence must not cross
// the ±180° meridian. Points exactly on an edge or vertex count as inside (a truck parked on the
// fence line is at the site), decided before the even-odd ray cast with a 1e-12° tolerance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

struct LonLat {
  double lon = 0, lat = 0;
};

struct Polygon {
  std::string id;
  // rings[0] the outer boundary, then holes; each closed implicitly (a repeated first vertex
  // at the end is allowed and ignored).
  std::vector<std::vector<LonLat>> rings;
  double min_lon = 0, max_lon = 0, min_lat = 0, max_lat = 0;  // bbox of rings[0]

  void ComputeBounds();
  // Even-odd over all rings, so holes are outside; boundary points inside.
  bool Contains(double lat, double lon) const;
};

// "POLYGON ((lon lat, lon lat, …), (hole …))" (WKT; x = longitude). Throws a data error on
// anything else, including MULTIPOLYGON.
std::vector<std::vector<LonLat>> ParseWktPolygon(const std::string& wkt);

struct FenceColumns {
  std::string id;                     // fence id column
  std::string wkt;                    // either a WKT POLYGON column …
  std::string lat, lon, order, ring;  // … or one vertex per row (order/ring optional)
};

// Fences in order of first appearance of their id. Vertex rows are sorted by `order` within a
// fence when given (else table order); `ring` 0 (or absent) is the outer ring, other values holes
// in ascending order. A ring with fewer than 3 distinct vertices is a data error naming the fence.
std::vector<Polygon> FencesFromTable(const Table& fences, const FenceColumns& columns);

// Index of fences by bbox for many points: returns the fences containing (lat, lon), ascending.
class FenceIndex {
 public:
  explicit FenceIndex(const std::vector<Polygon>* fences);
  void Containing(double lat, double lon, std::vector<int32_t>* out) const;

 private:
  const std::vector<Polygon>* fences_;
  std::vector<int32_t> by_min_lon_;  // fence indices sorted by min_lon
  double max_width_ = 0;
};

struct FenceEvent {
  int64_t object_row = 0;  // a row of the object's track (for its id)
  int32_t fence = 0;
  std::string event;  // "enter", "dwell", "exit"
  int64_t time = 0;   // microseconds (or the time column's integer unit)
  int64_t visit_start = 0;
  int64_t duration = 0;  // time − visit_start (0 for enter)
};

struct TrackPoint {
  int64_t row;
  int64_t time;
  double lat, lon;
  int32_t fence = -1;  // for AssignedTrackEvents: the one fence to test (-1: none)
};

// Events of one object's track (points sorted by time by the caller). A visit starts at the first
// point inside a fence ("enter", also at the first point of the track), ends at the first point
// outside ("exit", with the visit's duration); "dwell" is emitted once per visit at the first point
// where the object has been inside for at least min_dwell (never when min_dwell <= 0). A track that
// ends inside gives no exit. Events come in time order; at one instant: exits, then enters, then
// dwells, each by fence order.
void TrackEvents(const std::vector<TrackPoint>& track, const FenceIndex& index, int64_t min_dwell,
                 std::vector<FenceEvent>* out);

// Point-to-fence assignment (the `fence_column` option): each point names the one fence it is
// tested against, so the cost is linear in the points instead of one test per bbox-overlapping
// fence. Returns, per value, the index of the fence with that id, or -1 for NULL (a point that
// names no fence is in none). An id not among the fences is a data error naming `column`, the
// row (1-based) and the id: a point meant for a fence that is missing must not pass as "outside".
std::vector<int32_t> AssignedFences(const std::vector<Polygon>& fences,
                                    const std::vector<std::optional<std::string>>& ids,
                                    const std::string& column);

// The assigned fence containing (lat, lon): `fence` when it holds the point, else -1.
int32_t AssignedContaining(const std::vector<Polygon>& fences, int32_t fence, double lat,
                           double lon);

// TrackEvents with each point tested only against its own fence (TrackPoint::fence). The visits
// of fence F are those of the sub-track of points naming F, so when every point of the track
// names F the events equal TrackEvents' events of F alone (also when the track repeats each fix
// once per fence, as a join of the points to their fences gives). Same event rules and order:
// time order; at one instant exits, then enters, then dwells, each by fence order.
void AssignedTrackEvents(const std::vector<TrackPoint>& track, const std::vector<Polygon>& fences,
                         int64_t min_dwell, std::vector<FenceEvent>* out);

}  // namespace xf::model
