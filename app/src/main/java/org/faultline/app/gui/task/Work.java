package org.faultline.app.gui.task;

/** A piece of background work: plain Java, run off the FX thread. */
@FunctionalInterface
public interface Work<T> {
    T run(Progress progress) throws Exception;
}
