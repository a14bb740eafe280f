using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Sources;
using Kpi.Pipeline.Tests.Engine;
using Kpi.TestSupport;

namespace Kpi.Pipeline.Tests.Sources;

/// <summary>Discovery in a local folder: what is refused up front, naming the file, and what is read.</summary>
public sealed class LocalFolderSourceTests
{
    private const string Orders = "order_id,user_id,created_at\n1,10,2024-03-20T09:00:00\n";

    private const string Items = "id,order_id,product_id,status,created_at,sale_price\n1,1,1,delivered,2024-03-20T09:00:00,10.10\n";

    [Fact]
    public async Task A_named_pipe_named_like_a_part_file_is_refused_at_discovery_naming_it()
    {
        using var folder = Fixture.Write(Orders, Items);
        var pipe = Path.Combine(folder.Path, "orders", "orders_part9.csv");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var error = await Assert.ThrowsAsync<InputException>(() => DiscoverAsync(folder.Path));

        Assert.Equal($"Table orders: {pipe} is a named pipe (FIFO), not a regular file: only regular files (or symbolic links to them) are read.", error.Message);
    }

    [Fact]
    public async Task A_socket_named_like_a_part_file_is_refused_at_discovery_naming_it()
    {
        using var folder = Fixture.Write(Orders, Items);
        var path = Path.Combine(folder.Path, "order_items", "order_items_part2.csv");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var error = await Assert.ThrowsAsync<InputException>(() => DiscoverAsync(folder.Path));

        Assert.Equal($"Table order_items: {path} is a socket, not a regular file: only regular files (or symbolic links to them) are read.", error.Message);
    }

    [Fact]
    public async Task A_link_to_a_device_is_refused_at_discovery_naming_it()
    {
        using var folder = Fixture.Write(Orders, Items);
        var products = Path.Combine(folder.Path, "products.csv");
        File.Delete(products);
        File.CreateSymbolicLink(products, "/dev/null");

        var error = await Assert.ThrowsAsync<InputException>(() => DiscoverAsync(folder.Path));

        Assert.Equal($"Table products: {products} is a character device, not a regular file: only regular files (or symbolic links to them) are read.", error.Message);
    }

    [Fact]
    public async Task A_link_to_nothing_is_refused_at_discovery_naming_it()
    {
        using var folder = Fixture.Write(Orders, Items);
        var link = Path.Combine(folder.Path, "orders", "orders_part2.csv");
        File.CreateSymbolicLink(link, Path.Combine(folder.Path, "gone.csv"));

        var error = await Assert.ThrowsAsync<InputException>(() => DiscoverAsync(folder.Path));

        Assert.Equal($"Table orders: cannot read {link}: No such file or directory", error.Message);
    }

    [Fact]
    public async Task Symbolic_links_to_regular_files_are_read_with_their_targets_size()
    {
        using var folder = Fixture.Write(Orders, Items);
        using var elsewhere = new TempFolder();
        foreach (var file in (string[])["orders/orders_part1.csv", "products.csv"])
        {
            var target = Path.Combine(elsewhere.Path, Path.GetFileName(file));
            File.Move(Path.Combine(folder.Path, file), target);
            File.CreateSymbolicLink(Path.Combine(folder.Path, file), target);
        }

        var input = await DiscoverAsync(folder.Path);
        var (report, kpis) = await EngineHarness.RunAsync(folder.Path);

        Assert.Equal(Encoding.UTF8.GetByteCount(Orders), Assert.Single(input.Files[InputTable.Orders]).Bytes);
        Assert.Equal(Encoding.UTF8.GetByteCount(Fixture.Products), Assert.Single(input.Files[InputTable.Products]).Bytes);
        Assert.Equal([1L, 1L, 2L], report.Tables.Select(table => table.RowsRead));
        Assert.Equal(0, report.Tables.Sum(table => table.RowsRejected));
        Assert.Equal(10.10m, Assert.Single(kpis.CategoryKpis).DailyRevenue);
    }

    private static async Task<InputSet> DiscoverAsync(string folder)
    {
        await using var source = new LocalFolderSource(folder);
        return await source.DiscoverAsync(stageLocally: true, CancellationToken.None);
    }
}
