using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Kpi.TestSupport;

/// <summary>
/// A write lease (fcntl F_SETLEASE, Linux) on a regular file: another process's open(2) of it waits in the kernel,
/// where no cancellation reaches, until the lease is released (on dispose) or the kernel breaks it
/// (/proc/sys/fs/lease-break-time, 45 s by default). A stand-in for a hung network file system.
/// </summary>
public sealed class FileLease : IDisposable
{
    private const int SetSignal = 10;
    private const int SetLease = 1024;
    private const int GetLease = 1025;
    private const int WriteLease = 1;

    /// <summary>Ignored by default: the kernel signals a lease's holder when someone opens the file, SIGIO by default, which would end this process.</summary>
    private const int SignalUrgent = 23;

    private readonly SafeFileHandle _file;

    public FileLease(string path)
    {
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var descriptor = (int)_file.DangerousGetHandle();
        if (Fcntl(descriptor, SetSignal, SignalUrgent) != 0 || Fcntl(descriptor, SetLease, WriteLease) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            _file.Dispose();
            throw new InvalidOperationException($"No lease on {path}: errno {error} (leases off in /proc/sys/fs/leases-enable?).");
        }
    }

    /// <summary>
    /// True once another process's open(2) waits on the lease: the kernel then reports the type the lease is being
    /// broken to (a read lease, or none), no longer the write lease it was.
    /// </summary>
    public bool OpenWaiting => Fcntl((int)_file.DangerousGetHandle(), GetLease, 0) != WriteLease;

    /// <summary>Closing the file releases the lease.</summary>
    public void Dispose() => _file.Dispose();

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int descriptor, int command, int argument);
}
