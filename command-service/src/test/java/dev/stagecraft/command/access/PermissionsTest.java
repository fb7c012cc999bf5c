package dev.stagecraft.command.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.ApproveDeployment;
import dev.stagecraft.contracts.command.CancelDeployment;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.RegisterApplication;
import dev.stagecraft.contracts.command.Rollback;
import dev.stagecraft.contracts.command.UnlockEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    static final DeploymentId SHOP_DEPLOYMENT = DeploymentId.random();
    final Permissions permissions =
            new Permissions(id -> id.equals(SHOP_DEPLOYMENT) ? Optional.of("shop") : Optional.empty());

    @Test
    void aDeployerPromotesButOnlyAnAdminForces() {
        Caller bob = Caller.user("bob", List.of(Grant.everywhere(Role.DEPLOYER)));

        assertThatCode(() -> permissions.check(bob, promote(false))).doesNotThrowAnyException();
        assertRefused(
                bob,
                promote(true),
                "bob may not force a promotion in shop: that needs the admin role, bob has deployer;"
                        + " an admin can grant it with PUT /api/v1/users/bob");
        assertThatCode(() ->
                        permissions.check(Caller.user("ann", List.of(new Grant(Role.ADMIN, "shop"))), promote(true)))
                .doesNotThrowAnyException();
    }

    @Test
    void aViewerIsToldWhichRoleIsMissing() {
        Caller bob = Caller.user("bob", List.of(Grant.everywhere(Role.VIEWER)));

        assertRefused(
                bob,
                promote(false),
                "bob may not promote in shop: that needs the deployer role, bob has viewer;"
                        + " an admin can grant it with PUT /api/v1/users/bob");
    }

    @Test
    void grantsForOneApplicationDoNotReachAnother() {
        Caller sam = Caller.user("sam", List.of(new Grant(Role.APPROVER, "shop")));

        assertThatCode(() -> permissions.check(sam, new Rollback(CommandId.random(), "sam", "shop", "qa", null)))
                .doesNotThrowAnyException();
        assertRefused(
                sam,
                new Rollback(CommandId.random(), "sam", "blog", "qa", null),
                "sam may not roll back in blog: that needs the deployer role, sam has no role in blog;"
                        + " an admin can grant it with PUT /api/v1/users/sam");
    }

    @Test
    void deploymentCommandsAreAboutTheApplicationOfTheDeployment() {
        Caller approver = Caller.user("pat", List.of(new Grant(Role.APPROVER, "shop")));
        Caller deployer = Caller.user("dan", List.of(new Grant(Role.DEPLOYER, "shop")));

        assertThatCode(() -> permissions.check(approver, approve(SHOP_DEPLOYMENT)))
                .doesNotThrowAnyException();
        assertThatCode(() ->
                        permissions.check(deployer, new CancelDeployment(CommandId.random(), "dan", SHOP_DEPLOYMENT)))
                .doesNotThrowAnyException();
        assertRefused(
                deployer,
                approve(SHOP_DEPLOYMENT),
                "dan may not approve deployments in shop: that needs the approver role, dan has deployer;"
                        + " an admin can grant it with PUT /api/v1/users/dan");
        assertRefused(
                approver,
                approve(DeploymentId.random()),
                "pat may not approve deployments: that needs the approver role for all applications,"
                        + " pat has no role for all applications; an admin can grant it with PUT /api/v1/users/pat");
    }

    @Test
    void registeringAndBreakingLocksNeedAdminWhileTrustedCallersPassEverything() {
        Caller approver = Caller.user("pat", List.of(Grant.everywhere(Role.APPROVER)));
        RegisterApplication register =
                new RegisterApplication(CommandId.random(), "pat", "shop", null, "noop", Map.of(), Map.of(), List.of());
        UnlockEnvironment breakLock = new UnlockEnvironment(CommandId.random(), "pat", "shop", "prod", true);

        assertThat(permissions.needed(register).role()).isEqualTo(Role.ADMIN);
        assertThat(permissions.needed(breakLock).role()).isEqualTo(Role.ADMIN);
        assertThat(permissions
                        .needed(new UnlockEnvironment(CommandId.random(), "pat", "shop", "prod", false))
                        .role())
                .isEqualTo(Role.DEPLOYER);
        assertRefused(
                approver,
                breakLock,
                "pat may not break another's lock in shop: that needs the admin role, pat has approver;"
                        + " an admin can grant it with PUT /api/v1/users/pat");
        assertThatCode(() -> permissions.check(Caller.trusted("ci"), register)).doesNotThrowAnyException();
        assertThatCode(() -> permissions.check(Caller.trusted("ci"), breakLock)).doesNotThrowAnyException();
    }

    private void assertRefused(Caller caller, Command command, String message) {
        assertThatThrownBy(() -> permissions.check(caller, command))
                .isInstanceOfSatisfying(CommandRefusedException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(RejectionCode.FORBIDDEN);
                    assertThat(refused.getMessage()).isEqualTo(message);
                });
    }

    private static Promote promote(boolean force) {
        return new Promote(CommandId.random(), "bob", "shop", "1.2.0", "qa", force);
    }

    private static ApproveDeployment approve(DeploymentId id) {
        return new ApproveDeployment(CommandId.random(), "pat", id, null);
    }
}
