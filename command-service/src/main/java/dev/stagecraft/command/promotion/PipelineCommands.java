package dev.stagecraft.command.promotion;

import dev.stagecraft.command.Decision;
import dev.stagecraft.contracts.command.ApproveDeployment;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.RejectDeployment;
import dev.stagecraft.contracts.command.Rollback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commands of the promotion pipeline, as the {@code CommandHandler} dispatches them: each decided within
 * the handler's transaction (refused by a {@code CommandRefusedException} that rolls it back).
 */
@Component
public class PipelineCommands {

    private final PromotionDecisions promotions;
    private final ApprovalDecisions approvals;
    private final RollbackDecisions rollbacks;

    PipelineCommands(PromotionDecisions promotions, ApprovalDecisions approvals, RollbackDecisions rollbacks) {
        this.promotions = promotions;
        this.approvals = approvals;
        this.rollbacks = rollbacks;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision promote(Promote command) {
        return promotions.promote(command);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision approve(ApproveDeployment command) {
        return approvals.approve(command);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision reject(RejectDeployment command) {
        return approvals.reject(command);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision rollback(Rollback command) {
        return rollbacks.rollback(command);
    }
}
