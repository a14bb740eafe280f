using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
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

    [Fact]
    public async Task A_part_file_whose_name_is_not_utf8_is_refused_naming_the_folder_and_the_name()
    {
        using var folder = Fixture.Write(Orders, Items);
        var orders = Path.Combine(folder.Path, "orders");
        using var _ = RenameToBytes(Path.Combine(orders, "orders_part1.csv"), [.. "orders_"u8, 0xFF, .. "\u001b[31m.csv"u8]);

        var error = await Assert.ThrowsAsync<InputException>(() => DiscoverAsync(folder.Path));

        // The escape sequence stays as it is, escaped when printed (TerminalText), as in any other file name.
        Assert.Equal(
            $"Table orders: the name of a file in {orders} is not valid UTF-8: 'orders_\\ufffd\u001b[31m.csv' (\\ufffd stands for bytes that are not valid UTF-8: rename it, names are read as UTF-8).",
            error.Message);
    }

    [Fact]
    public async Task A_name_that_is_not_utf8_is_refused_also_beside_a_file_whose_name_is_what_dotnet_reads_it_as()
    {
        using var folder = Fixture.Write(Orders, Items);
        var orders = Path.Combine(folder.Path, "orders");
        File.Move(Path.Combine(orders, "orders_part1.csv"), Path.Combine(orders, "part\uFFFD.csv"));
        folder.Write("orders/part2.csv", Orders);
        using var _ = RenameToBytes(Path.Combine(orders, "part2.csv"), [.. "part"u8, 0xFE, .. ".csv"u8]);

        var error = await Assert.ThrowsAsync<InputException>(() => DiscoverAsync(folder.Path));

        Assert.StartsWith($"Table orders: the name of a file in {orders} is not valid UTF-8: 'part\\ufffd.csv'", error.Message);
    }

    [Fact]
    public async Task A_name_holding_a_real_replacement_character_is_read()
    {
        using var folder = Fixture.Write(Orders, Items);
        File.Move(Path.Combine(folder.Path, "orders", "orders_part1.csv"), Path.Combine(folder.Path, "orders", "part\uFFFD.csv"));

        var input = await DiscoverAsync(folder.Path);

        Assert.Equal("part\uFFFD.csv", Path.GetFileName(Assert.Single(input.Files[InputTable.Orders]).Name));
    }

    [Fact]
    public async Task A_source_folder_whose_name_reads_with_replacement_characters_is_said_to_be_not_utf8()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => DiscoverAsync("/tmp/kpi-\uFFFD-nowhere"));

        Assert.Equal(
            "Source folder '/tmp/kpi-\\ufffd-nowhere' does not exist (\\ufffd stands for bytes that are not valid UTF-8: rename it, names are read as UTF-8).",
            error.Message);
    }

    private static async Task<InputSet> DiscoverAsync(string folder)
    {
        await using var source = new LocalFolderSource(folder);
        return await source.DiscoverAsync(stageLocally: true, CancellationToken.None);
    }

    /// <summary>
    /// Gives a file a name of raw bytes (.NET names files in UTF-8 only), and back on dispose, so that the folder
    /// can be deleted: .NET could not name the file to delete it.
    /// </summary>
    private static Renamed RenameToBytes(string path, byte[] name)
    {
        var from = NulTerminated(Encoding.UTF8.GetBytes(path));
        var to = NulTerminated([.. Encoding.UTF8.GetBytes(Path.GetDirectoryName(path)! + "/"), .. name]);
        Assert.True(Rename(from, to) == 0, $"rename failed: errno {Marshal.GetLastPInvokeError()}");
        return new Renamed(to, from);
    }

    private static byte[] NulTerminated(byte[] bytes) => [.. bytes, 0];

    private sealed class Renamed(byte[] from, byte[] to) : IDisposable
    {
        public void Dispose() => Rename(from, to);
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(byte[] from, byte[] to);
}
