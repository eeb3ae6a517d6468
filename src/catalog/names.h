// Names in the workspace: run ids, dataset names and "name@vN" references, UTC timestamps.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "catalog/records.h"

namespace xf::catalog {

// Unix microseconds now (CLOCK_REALTIME).
int64_t NowMicros();
// "2026-11-24T10:15:00.123Z": ISO-8601 UTC with milliseconds; sorts as text in time order.
std::string IsoUtc(int64_t unix_micros);

// "power-production-status" from "green/power-production-status": the last path part,
// lowercased, runs of anything but [a-z0-9] turned into one '-', at most 48 characters;
// "run" when nothing is left (e.g. an all-Chinese name).
std::string ScenarioSlug(std::string_view scenario);

// "20261124T101500Z-power-production-status-3f2a": UTC second, slug, 4 hex of `salt`, so ids
// sort by start time and two runs started in the same second by different processes differ.
std::string MakeRunId(int64_t unix_micros, std::string_view scenario, uint64_t salt);

// Throws Error(kUsage) unless `name` can name a dataset folder: non-empty, at most 128 bytes,
// valid UTF-8, no '/', '\\', '@', control characters or leading '.'.
void CheckDatasetName(std::string_view name);

// "kwh_daily" → {kwh_daily, 0 (latest)}; "kwh_daily@v3" (or "@3") → {kwh_daily, 3}.
// Throws Error(kUsage) for a malformed version or an invalid name.
DatasetRef ParseDatasetRef(std::string_view text);
// Whether ParseDatasetRef(text) would succeed.
bool LooksLikeDatasetRef(std::string_view text);
// "kwh_daily@v3".
std::string FormatDatasetRef(const DatasetRef& ref);

}  // namespace xf::catalog
