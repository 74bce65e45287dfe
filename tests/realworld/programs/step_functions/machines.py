"""Two workflows: report generation (standard) and quote pricing (standard too, by default)."""
import json

import pulumi_aws as aws

sfn_role = aws.iam.Role("workflows", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "states.amazonaws.com"}}],
}))

DEFINITION = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})

reports = aws.sfn.StateMachine("reports", role_arn=sfn_role.arn, definition=DEFINITION,
                               type="STANDARD")
quotes = aws.sfn.StateMachine("quotes", role_arn=sfn_role.arn, definition=DEFINITION)
