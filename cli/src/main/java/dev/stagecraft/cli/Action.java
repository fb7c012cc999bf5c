package dev.stagecraft.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that does something: it gets the session of the run and answers an exit code. */
abstract class Action implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        return run(((Stagecraft) spec.root().userObject()).session());
    }

    abstract int run(Session session);
}
