using System.Globalization;
using CsvHelper;

namespace Kpi.Pipeline.Generation;

/// <summary>
/// A synthetic data set shaped like the real one: 7 categories, 1–4 items an order, about 20% of items
/// returned, dates over a month, part files. Deterministic for a seed; rows are streamed, never held.
/// </summary>
internal static class DemoDataGenerator
{
    public static readonly string[] Categories = ["Beauty", "Books", "Clothing", "Electronics", "Home & Kitchen", "Sports", "Toys"];

    private static readonly string[] Brands = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne"];
    private static readonly string[] Departments = ["Personal Care", "Media", "Apparel", "Tech", "Home", "Outdoor", "Kids"];
    private static readonly string[] KeptStatuses = ["delivered", "delivered", "delivered", "shipped", "processing", "cancelled"];

    public static async Task<GeneratorSummary> WriteAsync(string folder, GeneratorSettings settings, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        Directory.CreateDirectory(Path.Combine(folder, "orders"));
        Directory.CreateDirectory(Path.Combine(folder, "order_items"));

        var prices = await WriteProductsAsync(folder, random, ProductCount(settings.Orders));

        await using var orders = new PartFileWriter(Path.Combine(folder, "orders"), "orders",
            ["order_id", "user_id", "status", "created_at", "returned_at", "shipped_at", "delivered_at", "num_of_item"], settings.RowsPerFile);
        await using var items = new PartFileWriter(Path.Combine(folder, "order_items"), "order_items",
            ["id", "order_id", "user_id", "product_id", "status", "created_at", "shipped_at", "delivered_at", "returned_at", "sale_price"], settings.RowsPerFile);

        var customers = Math.Max(10, settings.Orders / 3);
        var span = TimeSpan.FromDays(settings.Days).TotalSeconds;
        long itemId = 0;
        for (var orderId = 1; orderId <= settings.Orders; orderId++)
        {
            if (orderId % 100_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var userId = random.Next(1, customers + 1);
            var created = settings.Start.AddSeconds(Math.Floor(random.NextDouble() * span));
            var itemCount = random.Next(100) switch { < 55 => 1, < 85 => 2, < 95 => 3, _ => 4 };
            var anyReturned = false;
            for (var i = 0; i < itemCount; i++)
            {
                var productId = random.Next(1, prices.Length + 1);
                var returned = random.NextDouble() < 0.2;
                anyReturned |= returned;
                var status = returned ? "returned" : KeptStatuses[random.Next(KeptStatuses.Length)];
                var itemCreated = created.AddMinutes(random.Next(0, 90));
                var price = Math.Round(prices[productId - 1] * (decimal)(0.9 + (random.NextDouble() * 0.2)), 2);
                await items.WriteAsync(
                    (++itemId).ToString(CultureInfo.InvariantCulture), Text(orderId), Text(userId), Text(productId), status,
                    Time(itemCreated), Time(itemCreated.AddHours(12)), Time(itemCreated.AddDays(3)),
                    returned ? Time(itemCreated.AddDays(7)) : "", price.ToString(CultureInfo.InvariantCulture));
            }

            await orders.WriteAsync(
                Text(orderId), Text(userId), anyReturned ? "returned" : "delivered", Time(created),
                anyReturned ? Time(created.AddDays(7)) : "", Time(created.AddHours(12)), Time(created.AddDays(3)), Text(itemCount));
        }

        return new GeneratorSummary(settings.Orders, itemId, prices.Length, 1 + orders.Parts + items.Parts);
    }

    private static int ProductCount(int orders) => Math.Clamp(orders / 2, 70, 20_000);

    private static async Task<decimal[]> WriteProductsAsync(string folder, Random random, int count)
    {
        var prices = new decimal[count];
        await using var writer = new StreamWriter(Path.Combine(folder, "products.csv"));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var name in new[] { "id", "sku", "cost", "category", "name", "brand", "retail_price", "department" })
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        for (var id = 1; id <= count; id++)
        {
            var category = random.Next(Categories.Length);
            var price = Math.Round((decimal)(10 + (random.NextDouble() * 190)), 2);
            prices[id - 1] = price;
            csv.WriteField(Text(id));
            csv.WriteField($"SKU-{random.Next(10_000_000, 99_999_999)}");
            csv.WriteField(Math.Round(price * 0.4m, 2).ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Categories[category]);
            csv.WriteField($"{Brands[random.Next(Brands.Length)]} {Categories[category]} item {id}");
            csv.WriteField(Brands[random.Next(Brands.Length)]);
            csv.WriteField(price.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Departments[category]);
            await csv.NextRecordAsync();
        }

        return prices;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
