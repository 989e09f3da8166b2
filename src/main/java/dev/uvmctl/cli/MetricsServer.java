package dev.uvmctl.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.render.Exposition;
import dev.uvmctl.render.LeaksJson;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The HTTP side of {@code uvmctl serve}: {@code /metrics} (the Prometheus text format, or
 * OpenMetrics when the scraper's {@code Accept} asks for it), {@code /healthz}, and {@code /leaks}
 * (the JSON report, which names every user's processes and command lines: answered only to
 * loopback clients unless {@code exposeReport}). A few worker threads answer; every exchange is
 * closed whatever happens, so a long-lived server holds no descriptor per scrape.
 */
final class MetricsServer {
    static final int WORKERS = 4;

    /** What one computation gave: the report and its metrics. */
    record Scrape(LeaksReport report, MetricSnapshots metrics) {
    }

    private final HttpServer http;
    private final ExecutorService workers;
    private final ScrapeCache<Scrape> cache;
    private final boolean exposeReport;
    private final Consumer<String> log;
    private final java.util.concurrent.atomic.AtomicLong openMetricsAnswers = new java.util.concurrent.atomic.AtomicLong();

    private MetricsServer(HttpServer http, ExecutorService workers, ScrapeCache<Scrape> cache, boolean exposeReport,
                          Consumer<String> log) {
        this.http = http;
        this.workers = workers;
        this.cache = cache;
        this.exposeReport = exposeReport;
        this.log = log;
    }

    /**
     * Binds {@code address} (port 0: a free one) and starts answering.
     *
     * @throws BindException when the address is in use or cannot be bound
     */
    static MetricsServer start(InetSocketAddress address, ScrapeCache<Scrape> cache, boolean exposeReport, Consumer<String> log)
        throws IOException {
        HttpServer http = HttpServer.create(address, 64);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, new Workers());
        MetricsServer s = new MetricsServer(http, workers, cache, exposeReport, log);
        http.createContext("/", s::handle);
        http.setExecutor(workers);
        http.start();
        return s;
    }

    /** The address bound (with the port chosen when 0 was asked for). */
    InetSocketAddress address() {
        return http.getAddress();
    }

    /** Stops accepting, lets the exchanges under way finish (up to {@code graceSeconds}), and ends the workers. */
    void stop(int graceSeconds) {
        http.stop(graceSeconds);
        workers.shutdown();
        try {
            workers.awaitTermination(graceSeconds + 1L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many scrapes were answered in OpenMetrics. */
    long openMetricsAnswers() {
        return openMetricsAnswers.get();
    }

    /** True when {@code /leaks} may be answered to {@code client}. */
    static boolean reportAllowed(InetAddress client, boolean exposeReport) {
        return exposeReport || client.isLoopbackAddress();
    }

    private void handle(HttpExchange exchange) {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                text(exchange, 405, "only GET and HEAD\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> metrics(exchange);
                case "/healthz" -> text(exchange, 200, "ok\n");
                case "/leaks" -> report(exchange);
                case "/" -> text(exchange, 200, "uvmctl serve: /metrics (Prometheus, OpenMetrics), /healthz, /leaks (the JSON report)\n");
                default -> text(exchange, 404, "not found: /metrics, /healthz or /leaks\n");
            }
        } catch (IOException e) {
            // The scraper went away mid-answer: nothing to tell it.
        } catch (UvmctlException e) {
            // Nothing could be computed (the root went away): the scrape fails visibly, and serve says why.
            log.accept("uvmctl: serve: " + e.getMessage());
            try {
                text(exchange, 503, e.getMessage() + "\n");
            } catch (IOException ignored) {
                // The scraper went away too.
            }
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        boolean openMetrics = Exposition.acceptsOpenMetrics(exchange.getRequestHeaders().getFirst("Accept"));
        if (openMetrics) {
            openMetricsAnswers.incrementAndGet();
        }
        byte[] body = Exposition.bytes(cache.get().metrics(), openMetrics);
        send(exchange, 200, Exposition.contentType(openMetrics), body);
    }

    private void report(HttpExchange exchange) throws IOException {
        if (!reportAllowed(exchange.getRemoteAddress().getAddress(), exposeReport)) {
            text(exchange, 403, "/leaks names the processes and command lines of every user: it is answered only on loopback "
                + "unless serve was started with --expose-report\n");
            return;
        }
        StringWriter json = new StringWriter();
        LeaksJson.document(new PrintWriter(json), cache.get().report());
        send(exchange, 200, "application/json; charset=utf-8", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Named daemon threads: a stuck scrape never keeps the process from ending. */
    private static final class Workers implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "uvmctl-serve-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
