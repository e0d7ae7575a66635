package dev.taskstream.shared.client;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A request body that reports how many bytes have been handed to the connection so far, for upload progress: it
 * wraps another {@link HttpRequest.BodyPublisher} and counts each buffer as the HTTP client takes it.
 */
final class CountingBodyPublisher implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher delegate;
    private final LongConsumer bytesSent;

    CountingBodyPublisher(HttpRequest.BodyPublisher delegate, LongConsumer bytesSent) {
        this.delegate = Objects.requireNonNull(delegate);
        this.bytesSent = Objects.requireNonNull(bytesSent);
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        // a retried request subscribes again: each subscription counts from zero
        AtomicLong sent = new AtomicLong();
        delegate.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                long total = sent.addAndGet(item.remaining());
                subscriber.onNext(item);
                bytesSent.accept(total);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
