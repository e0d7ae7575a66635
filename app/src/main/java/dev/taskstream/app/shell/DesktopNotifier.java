package dev.taskstream.app.shell;

import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a desktop notification through the system tray ({@link SystemTray}/{@link TrayIcon}) where the desktop has
 * one; skipped quietly where it has not (headless tests, desktops without a tray). AWT is only loaded at the first
 * notification, not at start-up, and on its own thread, never the FX thread.
 */
public final class DesktopNotifier implements Consumer<TaskEndNotice.Ended>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DesktopNotifier.class);
    private TrayIcon icon;
    private boolean unavailable;

    @Override
    public void accept(TaskEndNotice.Ended ended) {
        Thread.ofPlatform().daemon().name("desktop-notifier").start(() -> show(ended));
    }

    private synchronized void show(TaskEndNotice.Ended ended) {
        if (unavailable) {
            return;
        }
        try {
            if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
                unavailable = true;
                log.debug("no system tray: desktop notifications are off");
                return;
            }
            if (icon == null) {
                icon = new TrayIcon(dot(), TaskEndNotice.APP_TITLE);
                icon.setImageAutoSize(true);
                SystemTray.getSystemTray().add(icon);
            }
            icon.displayMessage(ended.headline(), ended.detail(),
                    ended.ok() ? TrayIcon.MessageType.INFO : TrayIcon.MessageType.ERROR);
        } catch (Exception | LinkageError e) {
            unavailable = true;
            log.debug("desktop notification not shown", e);
        }
    }

    /** The app's accent colour as a round icon (the tray scales it). */
    private static BufferedImage dot() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new java.awt.Color(0x4f46e5));
        g.fillOval(2, 2, 28, 28);
        g.dispose();
        return image;
    }

    @Override
    public synchronized void close() {
        if (icon != null) {
            TrayIcon i = icon;
            icon = null;
            try {
                SystemTray.getSystemTray().remove(i);
            } catch (RuntimeException e) {
                log.debug("tray icon not removed", e);
            }
        }
    }
}
