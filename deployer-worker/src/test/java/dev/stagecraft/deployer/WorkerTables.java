package dev.stagecraft.deployer;

import dev.stagecraft.contracts.job.DeploymentJob;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the worker recorded in its database about the environments of app {@code shop} and their deployments. */
public final class WorkerTables {

    private WorkerTables() {}

    /** The pid of the process the {@code local} driver runs for the environment. */
    public static long pid(JdbcClient jdbc, String environment) {
        return jdbc.sql("SELECT process_pid FROM environment WHERE app = 'shop' AND name = ?")
                .params(environment)
                .query(Long.class)
                .single();
    }

    /** The port of the process the {@code local} driver runs for the environment. */
    public static int port(JdbcClient jdbc, String environment) {
        return jdbc.sql("SELECT process_port FROM environment WHERE app = 'shop' AND name = ?")
                .params(environment)
                .query(Integer.class)
                .single();
    }

    /** The lines the job's deployment logged, in order, one per line. */
    public static String stepLog(JdbcClient jdbc, DeploymentJob job) {
        return jdbc.sql("SELECT string_agg(line, E'\\n' ORDER BY id) FROM step_log WHERE deployment_id = ?")
                .params(job.deploymentId().id())
                .query(String.class)
                .single();
    }
}
