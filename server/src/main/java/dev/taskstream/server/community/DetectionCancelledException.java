package dev.taskstream.server.community;

/**
 * Thrown to stop a detection run between iterations: by a {@link DetectionMonitor} when the task
 * is cancelled, or by the detector itself when the running thread has been interrupted.
 */
public class DetectionCancelledException extends RuntimeException {

    public DetectionCancelledException(String message) {
        super(message);
    }
}
