package dev.stagecraft.command.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.ApproveDeployment;
import dev.stagecraft.contracts.command.LockEnvironment;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.RejectDeployment;
import dev.stagecraft.contracts.command.Rollback;
import dev.stagecraft.contracts.command.UnlockEnvironment;
import org.junit.jupiter.api.Test;

class SlashCommandParserTest {

    final SlashCommandParser parser = new SlashCommandParser("/stagecraft");
    final CommandId id = CommandId.random();

    @Test
    void promoteWithAndWithoutTargetAndForce() {
        assertThat(parser.parse("promote shop 1.9.0"))
                .isEqualTo(new SlackIntent.PromoteOrder("shop", "1.9.0", null, false));
        assertThat(parser.parse("  promote   shop 1.9.0 to prod  "))
                .isEqualTo(new SlackIntent.PromoteOrder("shop", "1.9.0", "prod", false));
        assertThat(parser.parse("PROMOTE shop 1.9.0 TO prod --force"))
                .isEqualTo(new SlackIntent.PromoteOrder("shop", "1.9.0", "prod", true));
        assertThat(parser.parse("promote shop --force 1.9.0"))
                .isEqualTo(new SlackIntent.PromoteOrder("shop", "1.9.0", null, true));
        assertThat(((SlackIntent.Order) parser.parse("promote shop 1.9.0 to prod")).toCommand(id, "alice"))
                .isEqualTo(new Promote(id, "alice", "shop", "1.9.0", "prod", false));
    }

    @Test
    void rollbackListDiffAndUnlock() {
        assertThat(((SlackIntent.Order) parser.parse("rollback shop prod")).toCommand(id, "bob"))
                .isEqualTo(new Rollback(id, "bob", "shop", "prod", null));
        assertThat(((SlackIntent.Order) parser.parse("rollback shop prod 1.8.0")).toCommand(id, "bob"))
                .isEqualTo(new Rollback(id, "bob", "shop", "prod", "1.8.0"));
        assertThat(parser.parse("list")).isEqualTo(new SlackIntent.ListApplications(null));
        assertThat(parser.parse("list shop")).isEqualTo(new SlackIntent.ListApplications("shop"));
        assertThat(parser.parse("diff shop qa prod")).isEqualTo(new SlackIntent.Diff("shop", "qa", "prod"));
        assertThat(((SlackIntent.Order) parser.parse("unlock shop prod --force")).toCommand(id, "root"))
                .isEqualTo(new UnlockEnvironment(id, "root", "shop", "prod", true));
        assertThat(((SlackIntent.Order) parser.parse("unlock shop prod")).toCommand(id, "root"))
                .isEqualTo(new UnlockEnvironment(id, "root", "shop", "prod", false));
    }

    @Test
    void approveRejectAndLockKeepTheirFreeTextAsWritten() {
        DeploymentId deployment = DeploymentId.random();
        assertThat(((SlackIntent.Order) parser.parse("approve " + deployment)).toCommand(id, "carol"))
                .isEqualTo(new ApproveDeployment(id, "carol", deployment, null));
        assertThat(((SlackIntent.Order) parser.parse("reject " + deployment + " not on a  Friday!"))
                        .toCommand(id, "carol"))
                .isEqualTo(new RejectDeployment(id, "carol", deployment, "not on a  Friday!"));
        assertThat(((SlackIntent.Order) parser.parse("lock shop prod release freeze until Monday"))
                        .toCommand(id, "dave"))
                .isEqualTo(new LockEnvironment(id, "dave", "shop", "prod", "release freeze until Monday"));
    }

    @Test
    void emptyTextAndHelpAskForHelp() {
        assertThat(parser.parse("")).isInstanceOf(SlackIntent.Help.class);
        assertThat(parser.parse(null)).isInstanceOf(SlackIntent.Help.class);
        assertThat(parser.parse("help")).isInstanceOf(SlackIntent.Help.class);
        assertThat(parser.usage())
                .contains("/stagecraft promote <app> <version> [to <stage>] [--force]")
                .contains("/stagecraft approve <deployment-id> [comment…]")
                .contains("/stagecraft lock <app> <env> <reason…>")
                .hasLineCount(9);
    }

    @Test
    void whatCannotBeReadIsASentenceWithTheUsageLine() {
        assertUnusable("deploy shop 1.0", "'deploy' is not a Stagecraft command; use promote, rollback");
        assertUnusable(
                "promote shop",
                "`promote` needs an application and a version, optionally `to <stage>`; usage:"
                        + " `/stagecraft promote <app> <version> [to <stage>] [--force]`");
        assertUnusable("promote shop 1.0 into prod", "usage: `/stagecraft promote");
        assertUnusable("promote shop 1.0 --now", "`promote` knows no option --now");
        assertUnusable(
                "promote Shop_1 1.0", "needs an application name of lowercase letters, digits and '-', not 'Shop_1'");
        assertUnusable("rollback shop", "usage: `/stagecraft rollback <app> <env> [<version>]`");
        assertUnusable("diff shop qa", "usage: `/stagecraft diff <app> <from-env> <to-env>`");
        assertUnusable("diff shop qa ../prod", "an environment name");
        assertUnusable("list shop qa", "`list` takes at most an application name");
        assertUnusable("approve", "`approve` needs the id of the deployment");
        assertUnusable("reject 42", "`reject` needs a deployment id (a UUID), not '42'");
        assertUnusable("lock shop prod", "`lock` needs an application, an environment and a reason");
        assertUnusable("unlock shop", "usage: `/stagecraft unlock <app> <env> [--force]`");
    }

    private void assertUnusable(String text, String message) {
        assertThatThrownBy(() -> parser.parse(text))
                .isInstanceOf(SlashCommandParser.Unusable.class)
                .hasMessageContaining(message);
    }
}
