package dev.uvmctl.render;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Metric snapshots as text, written by the official Prometheus client's writers: the Prometheus
 * text format (0.0.4) or OpenMetrics (1.0.0). No sample carries a timestamp and no counter a
 * created timestamp: the scraper (or node_exporter's textfile collector) dates them.
 */
public final class Exposition {
    private Exposition() {
    }

    /** The text of {@code snapshots}: OpenMetrics (ending with {@code # EOF}) or the Prometheus text format. */
    public static byte[] bytes(MetricSnapshots snapshots, boolean openMetrics) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer(openMetrics).write(out, snapshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code snapshots} to a command's standard output. */
    public static void print(PrintWriter out, MetricSnapshots snapshots, boolean openMetrics) {
        out.print(new String(bytes(snapshots, openMetrics), StandardCharsets.UTF_8));
        out.flush();
    }

    /** The HTTP {@code Content-Type} of the format. */
    public static String contentType(boolean openMetrics) {
        return writer(openMetrics).getContentType();
    }

    /** True when a scraper's {@code Accept} header asks for OpenMetrics (as Prometheus does, by preference). */
    public static boolean acceptsOpenMetrics(String accept) {
        return accept != null && OpenMetricsTextFormatWriter.create().accepts(accept);
    }

    private static ExpositionFormatWriter writer(boolean openMetrics) {
        return openMetrics ? OpenMetricsTextFormatWriter.create()
            : PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();
    }
}
