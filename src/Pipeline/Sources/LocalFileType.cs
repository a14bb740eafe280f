using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Kpi.Pipeline.Sources;

/// <summary>
/// What a local path is with symbolic links followed, from Linux's statx(2). .NET tells only files from folders,
/// and opening a named pipe as a CSV blocks until a writer comes (a socket or device is no CSV either).
/// </summary>
internal static class LocalFileType
{
    /// <summary>A path's type (the <c>S_IFMT</c> bits of its mode) and size, links followed.</summary>
    public readonly record struct Status(int Type, long Size)
    {
        public bool IsRegular => Type == RegularFile;

        /// <summary>What it is, for a message: "a named pipe (FIFO)", "a socket", ….</summary>
        public string Description => Type switch
        {
            RegularFile => "a regular file",
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x4000 => "a folder",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => $"a file of type 0x{Type:x4}",
        };
    }

    private const int RegularFile = 0x8000;
    private const int CurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int NoSuchSystemCall = 38;
    private const int NotPermitted = 1;

    /// <summary>False once statx proved missing (not Linux, a C library or kernel without it, or a sandbox refusing it).</summary>
    private static bool s_available = OperatingSystem.IsLinux();

    /// <summary>The path's status, or null where it cannot be told (not Linux); an <see cref="IOException"/> if it cannot be had (e.g. a link to nothing).</summary>
    public static Status? Of(string path)
    {
        if (!Volatile.Read(ref s_available))
        {
            return null;
        }

        // struct statx: 256 bytes on every Linux architecture; stx_mask at 0, stx_mode at 28, stx_size at 40.
        var buffer = new byte[256];
        try
        {
            if (Statx(CurrentDirectory, path, 0, StatxType | StatxSize, buffer) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error is NoSuchSystemCall or NotPermitted)
                {
                    Volatile.Write(ref s_available, false);
                    return null;
                }

                throw new IOException(new Win32Exception(error).Message);
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            Volatile.Write(ref s_available, false);
            return null;
        }

        var mask = BitConverter.ToUInt32(buffer, 0);
        if ((mask & StatxType) == 0)
        {
            return null;
        }

        var mode = BitConverter.ToUInt16(buffer, 28);
        var size = (mask & StatxSize) != 0 ? BitConverter.ToInt64(buffer, 40) : new FileInfo(path).Length;
        return new Status(mode & 0xF000, size);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
