package dev.uvmctl.cli;

import dev.uvmctl.event.Xid;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.ingest.KmsgFollower;
import dev.uvmctl.render.LeaksMetrics;
import dev.uvmctl.render.XidCounter;
import dev.uvmctl.shared.DiagnosticLog;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.LiveKernelLog;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl serve}: the metrics of {@code uvmctl leaks} over HTTP, computed at scrape time, for Prometheus. */
@Command(name = "serve",
    mixinStandardHelpOptions = true,
    header = "Serve the metrics of uvmctl leaks over HTTP for Prometheus: /metrics, /healthz, /leaks.",
    description = {
        "Serve /metrics (the Prometheus text format, or OpenMetrics when the scraper's Accept header asks for it): the metrics "
            + "of uvmctl leaks -o prometheus on the system root (--root, by default the live system), computed when scraped, at most "
            + "once per --min-interval; scrapes that arrive during a computation share it. Xid counters count from serve's own "
            + "start and never fall when the kernel's ring buffer forgets old lines: serve follows /dev/kmsg (in a fixture root, its dev/kmsg "
            + "file) and counts each Xid once, as it comes.",
        "/healthz answers ok while the server runs. /leaks is the JSON report of uvmctl leaks -o json; it names the processes and "
            + "command lines of every user, so it is answered only to loopback clients unless --expose-report is given.",
        "Listens on loopback unless told otherwise; port 0 picks a free port. The address it listens on is printed on standard "
            + "output. SIGTERM stops it cleanly: no new scrapes, those under way finish, and it exits 0 (docs/metrics.md)."},
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
        "  sudo uvmctl serve                                    # http://127.0.0.1:9478/metrics",
        "  uvmctl serve --listen 0.0.0.0:9478 --min-interval 30s # in a DaemonSet (examples/deploy/)",
        "  uvmctl serve --root examples/oom-node --listen 127.0.0.1:0",
    })
public final class ServeCommand implements Callable<Integer> {
    static final String DEFAULT_LISTEN = "127.0.0.1:9478";

    @ParentCommand
    UvmctlCommand top;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = DEFAULT_LISTEN,
        description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only); 0.0.0.0:9478 for every interface, port 0 for a free one.")
    String listen;

    @Option(names = "--min-interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
        description = "Compute at most once per DURATION; scrapes in between get the last result (default: ${DEFAULT-VALUE}; 0 computes at every scrape).")
    Duration minInterval;

    @Option(names = "--expose-report", description = "Answer /leaks (every user's processes and command lines) to clients other than loopback too.")
    boolean exposeReport;

    @Option(names = "--max-series", paramLabel = "N", defaultValue = "500",
        description = "Keep the N largest series of uvmctl_unreleased_bytes and sum the rest into series=\"other\" (default: ${DEFAULT-VALUE}).")
    int maxSeries;

    @Option(names = "--tolerance", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "64M",
        description = "As for uvmctl leaks: GPU memory per GPU in use with no process to account for it before it is 'unattributed' (default: ${DEFAULT-VALUE}).")
    long tolerance;

    @Override
    public Integer call() {
        CliContext context = top.context();
        InetSocketAddress address = address(listen);
        if (maxSeries < 0) {
            throw UvmctlException.usage("--max-series " + maxSeries + ": expected 0 or more");
        }
        SysRoot root = context.sysRoot();
        XidCounter xids = new XidCounter();
        KmsgFollower follower = follow(root, xids, context);
        ScrapeCache<MetricsServer.Scrape> cache = new ScrapeCache<>(scrapes(context, tolerance, maxSeries, xids, follower != null),
            minInterval.toNanos(), System::nanoTime);
        MetricsServer server;
        try {
            server = MetricsServer.start(address, cache, exposeReport, line -> {
                context.err().println(line);
                context.err().flush();
            });
        } catch (BindException e) {
            closeQuietly(follower);
            throw UvmctlException.usage("--listen " + listen + ": cannot listen there (" + e.getMessage() + "): another uvmctl serve or "
                + "exporter has the port? Choose another, or port 0 for a free one");
        } catch (IOException e) {
            closeQuietly(follower);
            throw UvmctlException.incomplete("--listen " + listen + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = server.address();
        context.out().println("uvmctl: serving http://" + hostText(bound) + ":" + bound.getPort() + "/metrics");
        context.out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM (and SIGINT) is how serve is asked to stop: a service manager's stop, a pod's end.
        // The JVM would report a signal's end as 128 + 15 = 143, which systemd, Docker's restart
        // policies and Kubernetes read as a failure; once the server has stopped cleanly, serve
        // ends with 0 itself (halt: the JVM is already shutting down, and exit would wait forever).
        Thread hook = new Thread(() -> {
            server.stop(5);
            closeQuietly(follower);
            context.err().println("uvmctl: serve stopped");
            context.err().flush();
            context.out().flush();
            stopped.countDown();
            Runtime.getRuntime().halt(ExitCode.OK);
        }, "uvmctl-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
        }
        return ExitCode.OK;
    }

    /** How long the follower waits before it opens the log again after its end (a fixture's file) or an error. */
    static final long FOLLOW_POLL_MILLIS = 500;

    /**
     * Follows the root's {@code /dev/kmsg} into {@code xids} when it can be opened (the live system
     * as root, a fixture with a dev/kmsg file); else null, and the counters are kept from each
     * scrape's reading of whatever log the root has (a capture's dmesg, journalctl), which says so.
     */
    static KmsgFollower follow(SysRoot root, XidCounter xids, CliContext context) {
        try (InputStream probe = root.open(LiveKernelLog.KMSG)) {
            // Opening is the check (kernel.dmesg_restrict refuses the open); reading starts on the follower's thread.
        } catch (IOException e) {
            context.err().println("uvmctl: serve: " + root.tried(LiveKernelLog.KMSG) + " cannot be followed (" + IoErrors.describe(e)
                + "): Xids are counted from each scrape's reading of the kernel log");
            context.err().flush();
            return null;
        }
        xids.following();
        return KmsgFollower.start(root, FOLLOW_POLL_MILLIS, new KmsgFollower.Listener() {
            @Override
            public void xid(Xid xid, long kernelNanos) {
                xids.offer(xid, null, kernelNanos);
            }

            @Override
            public void roundEnded() {
                xids.endRound();
            }

            @Override
            public void unavailable(String message) {
                context.err().println("uvmctl: serve: following the kernel log: " + message);
                context.err().flush();
            }

            @Override
            public void recordsLost(long last, long next) {
                long lost = next - last - 1;
                xids.recordsLost(lost);
                context.err().println("uvmctl: serve: following the kernel log: the kernel overwrote " + lost + " record" + (lost == 1 ? "" : "s")
                    + " (" + (last + 1) + " to " + (next - 1) + ") before they were read: Xids among them are not counted "
                    + "(uvmctl_kernel_log_records_lost_total)");
                context.err().flush();
            }
        });
    }

    private static void closeQuietly(KmsgFollower follower) {
        if (follower != null) {
            follower.close();
        }
    }

    /**
     * One computation: {@code uvmctl leaks} on the root. Its Xids go into {@code xids}, one counter for
     * the server's life, unless {@code followed} (the follower of /dev/kmsg counts them).
     */
    static java.util.function.Supplier<MetricsServer.Scrape> scrapes(CliContext context, long tolerance, int maxSeries, XidCounter xids,
                                                                     boolean followed) {
        LeaksCommand leaks = CommandLine.populateCommand(new LeaksCommand(), "--tolerance", Long.toString(tolerance));
        return () -> {
            DiagnosticLog diagnostics = new DiagnosticLog();
            Inputs opened = leaks.in.open(context, leaks.tolerance.bytes(), diagnostics);
            MetricsInputs inputs = followed ? MetricsInputs.followed(xids) : new MetricsInputs(xids);
            LeaksReport report = leaks.analyse(opened, diagnostics, inputs);
            LeaksMetrics metrics = inputs.metrics(report, opened.lastRoot(), maxSeries);
            return new MetricsServer.Scrape(report, metrics.snapshots());
        };
    }

    /** {@code HOST:PORT} ({@code [::1]:9478} for IPv6): loopback when the host is left out ({@code :9478}). */
    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw UvmctlException.usage("--listen " + text + ": expected HOST:PORT, such as 127.0.0.1:9478 or 0.0.0.0:9478");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw UvmctlException.usage("--listen " + text + ": the port must be a number from 0 to 65535");
        }
        InetSocketAddress a = new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port);
        if (a.isUnresolved()) {
            throw UvmctlException.usage("--listen " + text + ": unknown host '" + host + "'");
        }
        return a;
    }

    private static String hostText(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
