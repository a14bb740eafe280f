"""The KPIs of KpiQueries (src/Pipeline/Contract/KpiQueries.cs) in pandas, for bench/pipeline.sh.

usage: python3 bench/pandas_kpis.py <folder> <baseline.tsv>
Reads the needed columns of every part file with explicit types and no validation (as the raw-DuckDB baseline
does), computes both KPI tables, and checks every row against the baseline's rows (relative tolerance 1e-9:
pandas sums in binary floating point, DuckDB in decimals). Prints one line: stage times and the row count.
"""
import glob
import sys
import time

import pandas as pd


def read(folder, table, columns):
    files = sorted(glob.glob(f"{folder}/**/{table}*.csv", recursive=True))
    return pd.concat((pd.read_csv(f, usecols=list(columns), dtype=columns) for f in files), ignore_index=True)


def baseline_rows(path):
    rows = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            item = dict(field.split("=", 1) for field in line.rstrip("\n").split("\t"))
            key = (item.get("category"), item["order_date"])
            rows[key] = item
    return rows


def main(folder, baseline):
    started = time.perf_counter()
    orders = read(folder, "orders", {"order_id": "int64", "user_id": "int64", "created_at": "string"})
    orders["order_date"] = orders["created_at"].str.slice(0, 10)
    items = read(folder, "order_items", {"id": "int64", "order_id": "int64", "product_id": "int64", "status": "string",
                                         "created_at": "string", "sale_price": "float64"})
    items["order_date"] = items["created_at"].str.slice(0, 10)
    items["returned"] = (items["status"].fillna("").str.strip().str.lower() == "returned").astype("int64")
    products = read(folder, "products", {"id": "int64", "category": "string"})
    products["category"] = products["category"].str.strip()
    read_seconds = time.perf_counter() - started

    started = time.perf_counter()
    joined = items.merge(products[["id", "category"]].rename(columns={"id": "product_id"}), on="product_id")
    category = joined.groupby(["category", "order_date"]).agg(
        daily_revenue=("sale_price", "sum"), returned=("returned", "sum"), orders=("order_id", "nunique")).reset_index()
    category["avg_order_value"] = category["daily_revenue"] / category["orders"]
    category["avg_return_rate"] = category["returned"] / category["orders"]

    left = orders[["order_id", "user_id", "order_date"]].merge(
        items[["id", "order_id", "sale_price", "returned"]], on="order_id", how="left")
    daily = left.groupby("order_date").agg(
        total_orders=("order_id", "nunique"), total_revenue=("sale_price", "sum"), total_items_sold=("id", "nunique"),
        returned=("returned", "sum"), unique_customers=("user_id", "nunique")).reset_index()
    daily["return_rate"] = daily["returned"] / daily["total_orders"]
    compute_seconds = time.perf_counter() - started

    expected = baseline_rows(baseline)
    mismatches = []

    def check(key, name, value):
        want = float(expected.get(key, {}).get(name, "nan"))
        if not abs(value - want) <= 1e-9 * max(1.0, abs(want)):
            mismatches.append(f"{key} {name}: pandas {value}, baseline {want}")

    for row in category.itertuples():
        for name in ("daily_revenue", "avg_order_value", "avg_return_rate"):
            check((row.category, row.order_date), name, float(getattr(row, name)))
    for row in daily.itertuples():
        for name in ("total_orders", "total_revenue", "total_items_sold", "return_rate", "unique_customers"):
            check((None, row.order_date), name, float(getattr(row, name)))
    rows = len(category) + len(daily)
    if rows != len(expected) or mismatches:
        print(f"pandas: {rows} KPI rows against the baseline's {len(expected)}; {len(mismatches)} value(s) differ", file=sys.stderr)
        print("\n".join(mismatches[:5]), file=sys.stderr)
        return 1
    print(f"pandas: read {read_seconds:.2f} s, compute {compute_seconds:.2f} s, {rows} KPI rows (equal to the baseline's within 1e-9)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
