"""The pandas side of bench/compare: one workload, from the CSV files to the output CSV, as a pandas
user would write it. Usage: python3 pandas_run.py WORKLOAD DATA_DIR OUT_DIR (Debian python3-pandas)."""
import os
import sys

import numpy as np
import pandas as pd


def read_readings(data):
    return pd.read_csv(os.path.join(data, "readings.csv"), dtype={"k1k": "int64", "k1m": "int64", "v": "float64"})


def group_by(data, out, key):
    g = read_readings(data).groupby(key, sort=True)["v"]
    res = pd.DataFrame({"n": g.size(), "total": g.sum(), "mean": g.mean(), "low": g.min(), "high": g.max()})
    res.reset_index().to_csv(os.path.join(out, "groups.csv"), index=False)


def join(data, out):
    r = read_readings(data)
    d = pd.read_csv(os.path.join(data, "dims.csv"), dtype={"key": "int64", "category": "int64", "weight": "float64"})
    j = r.merge(d, left_on="k1m", right_on="key", how="inner")
    j["wv"] = j["v"] * j["weight"]
    g = j.groupby("category", sort=True)
    res = pd.DataFrame({"n": g.size(), "total_v": g["v"].sum(), "weighted_v": g["wv"].sum()})
    res.reset_index().to_csv(os.path.join(out, "totals.csv"), index=False)


def rolling(data, out):
    m = pd.read_csv(os.path.join(data, "meters.csv"), dtype={"meter": "int64", "t": "int64", "kwh": "float64"})
    m = m.sort_values(["meter", "t"], kind="stable")
    w = m.groupby("meter", sort=True)["kwh"].rolling(96)
    frame = pd.DataFrame({"meter": m["meter"].to_numpy(), "mean96": w.mean().to_numpy(), "std96": w.std().to_numpy()})
    g = frame.groupby("meter", sort=True)
    res = pd.DataFrame({"windows": g["mean96"].count(), "mean_sum": g["mean96"].sum(), "std_sum": g["std96"].sum()})
    res.reset_index().to_csv(os.path.join(out, "per_meter.csv"), index=False)


def ingest(data, out, name, encoding):
    t = pd.read_csv(os.path.join(data, name), encoding=encoding,
                    dtype={"id": "int64", "meter": "string", "kwh": "float64", "kva": "int64", "region": "string", "ok": "bool"})
    t["ts"] = pd.to_datetime(t["ts"], format="%Y-%m-%d %H:%M:%S")
    t["day"] = pd.to_datetime(t["day"], format="%Y-%m-%d")
    res = pd.DataFrame([{
        "rows": len(t), "sum_id": int(t["id"].sum()), "meters": int(t["meter"].count()), "ts_count": int(t["ts"].count()),
        "min_day": t["day"].min().strftime("%Y-%m-%d"), "max_day": t["day"].max().strftime("%Y-%m-%d"),
        "sum_kwh": t["kwh"].sum(), "sum_kva": int(t["kva"].sum()),
        "min_region": t["region"].min(), "max_region": t["region"].max(), "ok_true": int(t["ok"].sum()),
    }])
    res.to_csv(os.path.join(out, "summary.csv"), index=False)


def quality(data, out):
    q = pd.read_csv(os.path.join(data, "quality.csv"),
                    dtype={"meter_id": "string", "minute": "Int64", "kwh": "float64", "voltage": "float64",
                           "current": "float64", "pf": "float64", "temperature": "float64",
                           "status": "string", "region": "string", "phone": "string", "capacity_kw": "Int64"},
                    keep_default_na=False, na_values=[""])
    register = pd.read_csv(os.path.join(data, "register.csv"), dtype={"meter_id": "string"})

    def outside(col, lo, hi):  # value rules skip NULLs, as SQL CHECK constraints do
        v = q[col]
        return int((v.notna() & ~v.between(lo, hi)).sum())

    def not_matching(col, pattern):
        v = q[col]
        return int((v.notna() & ~v.str.fullmatch(pattern).fillna(False).astype(bool)).sum())

    def not_in(col, values):
        v = q[col]
        return int((v.notna() & ~v.isin(values)).sum())

    def expression_fails(cond, columns):  # rows where an operand is NULL are not evaluated
        evaluated = q[columns].notna().all(axis=1)
        return int((evaluated & ~cond.fillna(True).astype(bool)).sum())

    key_null = q["meter_id"].isna() | q["minute"].isna()
    keyed = q[~key_null]
    prev = q.groupby("meter_id", sort=False)["minute"].shift(1)
    rules = {
        "r01_meter_required": int(q["meter_id"].isna().sum()),
        "r02_meter_pattern": not_matching("meter_id", r"M\d{6}"),
        "r03_minute_required": int(q["minute"].isna().sum()),
        "r04_kwh_required": int(q["kwh"].isna().sum()),
        "r05_kwh_range": outside("kwh", 0, 40),
        "r06_voltage_required": int(q["voltage"].isna().sum()),
        "r07_voltage_range": outside("voltage", 198, 242),
        "r08_current_range": outside("current", 0, 20),
        "r09_pf_range": outside("pf", 0, 1),
        "r10_temperature_range": outside("temperature", -20, 50),
        "r11_status_codes": not_in("status", ["ok", "warn", "fault"]),
        "r12_region_codes": not_in("region", ["330102", "330105", "330106", "330108", "330109"]),
        "r13_phone_pattern": not_matching("phone", r"1[3-9]\d{9}"),
        "r14_capacity_codes": not_in("capacity_kw", [10, 20, 50, 100, 200]),
        "r15_primary_key": int(key_null.sum()) + int(keyed.duplicated(["meter_id", "minute"]).sum()),
        "r16_registered_meter": int((q["meter_id"].notna() & ~q["meter_id"].isin(register["meter_id"])).sum()),
        "r17_energy_within_capacity": expression_fails(q["kwh"] <= q["capacity_kw"] * 0.25, ["kwh", "capacity_kw"]),
        "r18_power_within_capacity": expression_fails(q["current"] * q["voltage"] * q["pf"] / 1000 <= q["capacity_kw"] * 1.2,
                                                      ["current", "voltage", "pf", "capacity_kw"]),
        "r19_time_increases": int((prev.notna() & q["minute"].notna() & (q["minute"] <= prev)).sum()),
        "r20_row_count": 0 if len(q) >= 1 else 1,
    }
    pd.DataFrame({"rule": list(rules), "failing": list(rules.values())}).to_csv(
        os.path.join(out, "rule_failures.csv"), index=False)


def power_status(data, out):
    users = pd.read_csv(os.path.join(data, "users.csv"))
    base = users[(users["user_type"] != "resident") & (users["capacity_kva"] >= 15)]
    daily = pd.read_csv(os.path.join(data, "daily_kwh.csv"), dtype={"kwh": "float64"})
    status = daily.merge(base[["user_id", "region"]], on="user_id", how="inner")
    status["producing_int"] = (status["kwh"] >= 6).astype("int64")
    city = status.groupby("date", sort=True).agg(base_users=("user_id", "size"),
                                                  producing_users=("producing_int", "sum"), kwh=("kwh", "sum"))
    city.reset_index().to_csv(os.path.join(out, "city_daily.csv"), index=False)
    region = status.groupby(["region", "date"], sort=True).agg(base_users=("user_id", "size"),
                                                                producing_users=("producing_int", "sum"))
    region.reset_index().to_csv(os.path.join(out, "region_daily.csv"), index=False)


WORKLOADS = {
    "groupby_1k": lambda d, o: group_by(d, o, "k1k"),
    "groupby_1m": lambda d, o: group_by(d, o, "k1m"),
    "join": join,
    "rolling": rolling,
    "ingest": lambda d, o: ingest(d, o, "mixed.csv", "utf-8"),
    "ingest_gb18030": lambda d, o: ingest(d, o, "mixed_gb18030.csv", "gb18030"),
    "quality": quality,
    "power_status": power_status,
}

if __name__ == "__main__":
    workload, data, out = sys.argv[1:4]
    if workload not in WORKLOADS:
        sys.exit(f"pandas_run: unknown workload {workload}; known: {', '.join(WORKLOADS)}")
    os.makedirs(out, exist_ok=True)
    WORKLOADS[workload](data, out)
