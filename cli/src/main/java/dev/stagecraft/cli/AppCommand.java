package dev.stagecraft.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code stagecraft app …}: register applications and list them. */
@Command(
        name = "app",
        description = "Register applications (driver, defaults, pipeline) and list them.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  stagecraft app register --file shop.json",
            "  stagecraft app list --output json",
            "",
            "'stagecraft app COMMAND --help' tells more; exit codes: 'stagecraft --help'."
        },
        subcommands = {AppCommand.Register.class, AppCommand.ListApplications.class})
final class AppCommand {

    @Command(
            name = "register",
            description = {
                "Register an application, or replace its spec: from a JSON file (the body of POST /api/v1/applications)"
                        + " or from options."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  stagecraft app register --name shop --repository https://git.example/acme/shop.git \\",
                "      --driver local --setting 'command=java bootstrap/demo-app/DemoApp.java' --setting healthPath=/health \\",
                "      --default LOG_LEVEL=info --stage development,branch=develop --stage qa \\",
                "      --stage staging,auto-promote --stage prod,requires-approval",
                "  stagecraft app register --file shop.json",
                "",
                "A stage is NAME[,requires-approval][,auto-promote][,branch=BRANCH]."
            })
    static final class Register extends Action {
        @Option(
                names = {"-f", "--file"},
                paramLabel = "FILE",
                description = "the application's JSON spec ('-' reads standard input); options given too override it")
        @Nullable
        String file;

        @Option(names = "--name", paramLabel = "APP", description = "the application's name")
        @Nullable
        String name;

        @Option(names = "--repository", paramLabel = "URL", description = "its git repository (for commit diffs)")
        @Nullable
        String repository;

        @Option(names = "--driver", paramLabel = "DRIVER", description = "local (default), script, kubernetes or noop")
        @Nullable
        String driver;

        @Option(names = "--setting", paramLabel = "KEY=VALUE", description = "a driver setting (repeat it)")
        Map<String, String> settings = new LinkedHashMap<>();

        @Option(names = "--default", paramLabel = "KEY=VALUE", description = "a default config value (repeat it)")
        Map<String, String> defaults = new LinkedHashMap<>();

        @Option(names = "--secret-default", paramLabel = "KEY=VALUE", description = "a secret default (repeat it)")
        Map<String, String> secretDefaults = new LinkedHashMap<>();

        @Option(
                names = "--stage",
                paramLabel = "STAGE",
                description = "a pipeline stage, in order: NAME[,requires-approval][,auto-promote][,branch=BRANCH]")
        List<String> stages = new ArrayList<>();

        @Override
        int run(Session session) {
            ObjectNode body = file == null ? Json.object() : read(file);
            if (name != null) {
                body.put("name", name);
            }
            if (repository != null) {
                body.put("repository", repository);
            }
            if (driver != null) {
                body.put("driver", driver);
            }
            merge(body, "driverSettings", settings);
            merge(body, "defaults", defaults);
            merge(body, "secretDefaults", secretDefaults);
            if (!stages.isEmpty()) {
                ArrayNode pipeline = body.putArray("pipeline");
                stages.forEach(stage -> pipeline.add(stage(stage)));
            }
            if (Json.text(body, "name") == null) {
                throw Failure.usage("name the application: --name APP, or a \"name\" in --file");
            }
            return Submission.submit(
                    session,
                    null,
                    new Submission.Request(
                            "POST",
                            "/api/v1/applications",
                            body,
                            Map.of(),
                            "register application " + Json.text(body, "name")));
        }

        /** {@code qa,requires-approval,auto-promote,branch=main} as a pipeline stage. */
        static ObjectNode stage(String text) {
            String[] parts = text.split(",");
            ObjectNode stage = Json.object().put("environment", parts[0].strip());
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].strip();
                if (part.equals("requires-approval")) {
                    stage.put("requiresApproval", true);
                } else if (part.equals("auto-promote")) {
                    stage.put("autoPromote", true);
                } else if (part.startsWith("branch=") && part.length() > "branch=".length()) {
                    stage.put("branch", part.substring("branch=".length()));
                } else {
                    throw Failure.usage("stage '" + text + "': '" + part + "' is not requires-approval, auto-promote"
                            + " or branch=BRANCH");
                }
            }
            return stage;
        }

        private static void merge(ObjectNode body, String field, Map<String, String> values) {
            if (values.isEmpty()) {
                return;
            }
            JsonNode existing = body.get(field);
            ObjectNode target = existing instanceof ObjectNode object ? object : body.putObject(field);
            values.forEach(target::put);
        }

        private static ObjectNode read(String file) {
            try {
                String text = file.equals("-") ? new String(System.in.readAllBytes()) : Files.readString(Path.of(file));
                JsonNode node = Json.MAPPER.readTree(text);
                if (node instanceof ObjectNode object) {
                    return object;
                }
                throw Failure.usage(
                        file + " is not a JSON object; it should hold the body of POST /api/v1/applications");
            } catch (IOException e) {
                throw Failure.usage("cannot read " + file + ": " + e.getMessage());
            } catch (JacksonException e) {
                throw Failure.usage(file + " is not valid JSON: " + e.getOriginalMessage());
            }
        }
    }

    @Command(
            name = "list",
            description = "List the registered applications.",
            footerHeading = "%nExample:%n",
            footer = "  stagecraft app list")
    static final class ListApplications extends Action {
        @Override
        int run(Session session) {
            JsonNode applications =
                    session.api().get(Api.Service.QUERY, "/api/v1/applications").body();
            if (session.json()) {
                session.printJson(applications);
                return ExitCode.OK;
            }
            Table table = new Table("APP", "DRIVER", "STAGES", "ENVIRONMENTS", "REPOSITORY");
            if (applications != null) {
                for (JsonNode app : applications) {
                    List<String> stages = new ArrayList<>();
                    app.path("stages").forEach(stage -> stages.add(stage.asString()));
                    table.row(
                            Json.show(app, "name"),
                            Json.show(app, "driver"),
                            stages.isEmpty() ? "-" : String.join(" → ", stages),
                            Json.show(app, "environmentCount"),
                            Json.show(app, "repository"));
                }
            }
            session.print(table.isEmpty() ? "no applications registered" : table.render(session.terminal()));
            return ExitCode.OK;
        }
    }
}
