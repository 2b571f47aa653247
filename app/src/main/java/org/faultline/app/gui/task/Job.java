package org.faultline.app.gui.task;

/** A handle on submitted work. */
public interface Job {
    /** Asks the work to stop; its success callback will not run. */
    void cancel();

    boolean isDone();

    /** A job that is already over. */
    Job NONE = new Job() {
        @Override
        public void cancel() {
        }

        @Override
        public boolean isDone() {
            return true;
        }
    };
}
