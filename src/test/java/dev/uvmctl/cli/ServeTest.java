package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.testing.Prometheus;
import dev.uvmctl.render.XidCounter;
import dev.uvmctl.testing.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code uvmctl serve}: a long-lived HTTP server, tested as one. */
class ServeTest {
    static final Path ROOT = Path.of("examples/oom-node");

    /** One HTTP/1.1 exchange on a connection of its own, closed after. */
    record Answer(String head, String body) {
        int status() {
            return Integer.parseInt(head.split(" ")[1]);
        }
    }

    static Answer get(InetSocketAddress at, String path, String accept) throws IOException {
        try (Socket s = new Socket(at.getAddress(), at.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (accept == null ? "" : "Accept: " + accept + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            return new Answer(all.substring(0, split), all.substring(split + 4));
        }
    }

    static MetricsServer start(long minIntervalNanos) throws IOException {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        CliContext context = CliContext.builder(sink, sink, InputStream.nullInputStream()).root(ROOT).build();
        ScrapeCache<MetricsServer.Scrape> cache = new ScrapeCache<>(ServeCommand.scrapes(context, 64L << 20, 500, new XidCounter(), false), minIntervalNanos,
            System::nanoTime);
        return MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), cache, false, line -> { });
    }

    static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void servesMetricsInTheFormatTheScraperAsksForHealthAndTheReport() throws IOException {
        MetricsServer server = start(0);
        try {
            Answer text = get(server.address(), "/metrics", null);
            assertThat(text.status()).isEqualTo(200);
            assertThat(text.head()).containsIgnoringCase("Content-Type: text/plain; version=0.0.4");
            Prometheus.checkMetrics(text.body());
            // What leaks -o prometheus prints for the same root.
            assertThat(text.body()).isEqualTo(new CliRun().run("leaks", "--root", ROOT.toString(), "-o", "prometheus").out());
            Answer om = get(server.address(), "/metrics",
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
            assertThat(om.head()).containsIgnoringCase("Content-Type: application/openmetrics-text; version=1.0.0");
            assertThat(om.body()).endsWith("# EOF\n");
            assertThat(get(server.address(), "/healthz", null).body()).isEqualTo("ok\n");
            Answer leaks = get(server.address(), "/leaks", null);
            assertThat(leaks.status()).isEqualTo(200);
            assertThat(leaks.body()).contains("\"schema\"").contains("\"findings\"");
            assertThat(get(server.address(), "/nothing", null).status()).isEqualTo(404);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theReportIsAnsweredOnlyToLoopbackUnlessExposed() throws IOException {
        InetAddress remote = InetAddress.getByAddress(new byte[] {10, 1, 2, 3});
        assertThat(MetricsServer.reportAllowed(InetAddress.getLoopbackAddress(), false)).isTrue();
        assertThat(MetricsServer.reportAllowed(InetAddress.getByName("::1"), false)).isTrue();
        assertThat(MetricsServer.reportAllowed(remote, false)).isFalse();
        assertThat(MetricsServer.reportAllowed(remote, true)).isTrue();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void thousandsOfScrapesLeaveNoFileDescriptorOpen() throws IOException {
        MetricsServer server = start(0);
        try {
            for (int i = 0; i < 50; i++) {
                get(server.address(), "/metrics", null);
            }
            long before = openFds();
            for (int i = 0; i < 2000; i++) {
                Answer a = get(server.address(), i % 10 == 9 ? "/leaks" : "/metrics", null);
                assertThat(a.status()).isEqualTo(200);
            }
            long after = openFds();
            // A few may come and go (class loading, the JIT's files); one per scrape would be 2000.
            assertThat(after - before).as("descriptors open before %d, after %d", before, after).isLessThan(10);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void concurrentScrapesShareOneComputationAndMinIntervalReusesIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger computed = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        ScrapeCache<Integer> cache = new ScrapeCache<>(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return computed.incrementAndGet();
        }, 10_000_000_000L, now::get);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(cache::get));
            }
            while (cache.computations() == 0) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            release.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(cache.computations()).isEqualTo(1);
            now.set(9_999_999_999L);
            assertThat(cache.get()).isEqualTo(1);
            now.set(10_000_000_000L);
            assertThat(cache.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedComputationIsNotKeptAndTheNextScrapeComputesAgain() {
        AtomicInteger calls = new AtomicInteger();
        ScrapeCache<Integer> cache = new ScrapeCache<>(() -> {
            if (calls.incrementAndGet() == 1) {
                throw UvmctlException.incomplete("the root went away");
            }
            return calls.get();
        }, 10_000_000_000L, () -> 0L);
        org.assertj.core.api.Assertions.assertThatThrownBy(cache::get).isInstanceOf(UvmctlException.class).hasMessage("the root went away");
        assertThat(cache.get()).isEqualTo(2);
        assertThat(cache.get()).isEqualTo(2);
        assertThat(cache.computations()).isEqualTo(2);
    }

    @Test
    void aTakenPortIsAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun.Result r = new CliRun().run("serve", "--root", ROOT.toString(), "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("--listen 127.0.0.1:" + taken.getLocalPort() + ": cannot listen there")
                .contains("port 0 for a free one");
        }
    }

    @Test
    void listenAddressesAreCheckedBeforeAnythingStarts() {
        assertThat(ServeCommand.address("127.0.0.1:9478").getPort()).isEqualTo(9478);
        assertThat(ServeCommand.address(":0").getAddress().isLoopbackAddress()).isTrue();
        assertThat(ServeCommand.address("[::1]:9478").getAddress().isLoopbackAddress()).isTrue();
        for (String bad : new String[] {"9478", "127.0.0.1:http", "127.0.0.1:70000"}) {
            CliRun.Result r = new CliRun().run("serve", "--root", ROOT.toString(), "--listen", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(ExitCode.USAGE);
        }
    }
}
