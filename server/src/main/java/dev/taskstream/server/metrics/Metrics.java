package dev.taskstream.server.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import dev.taskstream.shared.api.TaskStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The server's Prometheus metrics, scraped from {@code GET /metrics}. */
public final class Metrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge streamsOpen;
    private final Counter eventsSent;
    private final Counter streamsDropped;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** {@code statements}: SQL statements run so far; {@code tasksByStatus}: tasks in the database per status. */
    public Metrics(LongSupplier statements, Supplier<Map<TaskStatus, Long>> tasksByStatus) {
        JvmMetrics.builder().register(registry);
        CounterWithCallback.builder().name("taskstream_db_statements")
                .help("SQL statements this server ran (not counting the LISTEN connection)")
                .callback(cb -> cb.call(statements.getAsLong()))
                .register(registry);
        streamsOpen = Gauge.builder().name("taskstream_streams_open")
                .help("SSE streams currently open on this server").register(registry);
        eventsSent = Counter.builder().name("taskstream_events_sent")
                .help("SSE events written to clients by this server").register(registry);
        streamsDropped = Counter.builder().name("taskstream_streams_dropped")
                .help("SSE clients disconnected because they could not keep up").register(registry);
        GaugeWithCallback.builder().name("taskstream_tasks")
                .help("Tasks in the database by status")
                .labelNames("status")
                .callback(cb -> {
                    tasksByStatus.get().forEach((status, n) -> cb.call(n, status.wire()));
                })
                .register(registry);
    }

    public void streamOpened() {
        streamsOpen.inc();
    }

    public void streamClosed() {
        streamsOpen.dec();
    }

    public double streamsOpen() {
        return streamsOpen.get();
    }

    public void eventsSent(long n) {
        eventsSent.inc(n);
    }

    public void streamDropped() {
        streamsDropped.inc();
    }

    public String contentType() {
        return writer.getContentType();
    }

    public byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape());
        return out.toByteArray();
    }
}
