package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.uvmctl.testing.Prometheus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's package) scrapes {@code uvmctl serve} on a fixture root every
 * second, as a fleet's would (it asks for OpenMetrics first), and its query API returns the
 * findings series with the value uvmctl reports. Both stop in a {@code finally}; the whole test
 * has a 60 s deadline.
 */
class PrometheusEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Ports a real Prometheus or uvmctl may hold on a developer's machine. */
    private static final Set<Integer> AVOID = Set.of(9090, 9478);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void prometheusScrapesServeAndQueriesTheFindings(@TempDir Path tmp) throws Exception {
        String prometheus = Prometheus.binary("prometheus");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        MetricsServer serve = ServeTest.start(0);
        Process server = null;
        try {
            int servePort = serve.address().getPort();
            Path config = tmp.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                "  - job_name: uvmctl",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + servePort + "']",
                ""));
            int port = 0;
            for (int attempt = 1; server == null; attempt++) {
                port = freePort();
                Process p = new ProcessBuilder(prometheus, "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("tsdb-" + attempt),
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus-" + attempt + ".log").toFile()).start();
                if (ready(port, p, deadline)) {
                    server = p;
                } else {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    String log = Files.readString(tmp.resolve("prometheus-" + attempt + ".log"));
                    if (attempt >= 3 || !log.contains("address already in use")) {
                        fail("prometheus did not become ready on 127.0.0.1:" + port + ":\n" + log);
                    }
                }
            }
            // uvmctl reports one leaked finding on this root; Prometheus must come to hold the same.
            String value = null;
            while (value == null && System.nanoTime() < deadline) {
                value = query(port, "uvmctl_findings{class=\"leaked\",job=\"uvmctl\"}");
                if (value == null) {
                    Thread.sleep(250);
                }
            }
            assertThat(value).as("uvmctl_findings{class=\"leaked\"} in Prometheus within %s", DEADLINE).isEqualTo("1");
            assertThat(query(port, "up{job=\"uvmctl\"}")).isEqualTo("1");
            assertThat(query(port, "uvmctl_scrape_incomplete")).isEqualTo("0");
            // Prometheus asked for OpenMetrics, and took it.
            assertThat(serve.openMetricsAnswers()).isPositive();
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            serve.stop(0);
        }
    }

    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (!AVOID.contains(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    /** Polls {@code /-/ready} until it answers 200, the process ends, or the deadline passes. */
    private boolean ready(int port, Process p, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The value of the first sample of an instant query, or null when it has none yet. */
    private String query(int port, String promql) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]").matcher(r.body());
        return m.find() ? m.group(1) : null;
    }
}
