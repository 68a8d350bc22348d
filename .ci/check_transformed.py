#!/usr/bin/env python3
"""Transforms template.yaml as CloudFormation's SAM transform would (samtranslator, the library the transform runs,
installed with cfn-lint; no AWS account: the managed policies SAM may name are mapped here) and fails unless the
result holds what operating the stack relies on: the alarm topic and the dashboard, every alarm, an alias per
function that everything invokes, a canary deployment group per API route function rolled back by the API's 5xx
rate and the function's own errors, and retained, 14-day queues and log groups.

Usage: .ci/check_transformed.py [template.yaml]
"""
import logging
import os
import sys

import yaml
from samtranslator.translator.transform import transform

# samtranslator needs a region for its pseudo parameters; any will do.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
logging.disable(logging.WARNING)

ALIAS = "live"
CANARY = "Canary10Percent5Minutes"
FOURTEEN_DAYS = 1209600


class CloudFormationLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short tags (!Ref x, !GetAtt a.b, !Sub ...) read as their long forms."""


def _tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "GetAtt" and isinstance(value, str):
        return {"Fn::GetAtt": value.split(".", 1)}
    if suffix == "Condition":
        return {"Condition": value}
    return {"Fn::" + suffix: value}


CloudFormationLoader.add_multi_constructor("!", _tag)


class ManagedPolicies:
    """The AWS managed policies SAM adds by name (basic execution, X-Ray); nothing is looked up in an account."""

    def load(self):
        return {
            "AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "AWSXrayWriteOnlyAccess": "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
            "AWSXRayDaemonWriteAccess": "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
        }


def main(path):
    with open(path) as file:
        sam = yaml.load(file, Loader=CloudFormationLoader)
    # sam deploy uploads the local jars and puts their S3 addresses here; the transform accepts only the latter.
    sam.get("Globals", {}).get("Function", {})["CodeUri"] = "s3://bucket/customers-api.zip"
    functions = {id: r for id, r in sam["Resources"].items() if r["Type"] == "AWS::Serverless::Function"}
    for function in functions.values():
        if "CodeUri" in function["Properties"]:
            function["Properties"]["CodeUri"] = "s3://bucket/customers-api.zip"
    routes = sorted(id for id, r in functions.items()
                    if any(e.get("Type") == "HttpApi" for e in r["Properties"].get("Events", {}).values()))

    resources = transform(sam, {}, ManagedPolicies())["Resources"]
    failures = []

    def check(condition, message):
        if not condition:
            failures.append(message)

    def of_type(kind):
        return {id: r for id, r in resources.items() if r["Type"] == kind}

    check(resources.get("AlarmTopic", {}).get("Type") == "AWS::SNS::Topic", "no AlarmTopic")
    check(len(of_type("AWS::CloudWatch::Dashboard")) == 1, "not exactly one dashboard")

    # Every alarm named in the operations brief, each telling the AlarmTopic.
    alarms = of_type("AWS::CloudWatch::Alarm")
    expected = ["Api5xxRateAlarm", "ApiLatencyP99Alarm", "SesBounceRateAlarm", "SesComplaintRateAlarm",
                "OutboxParkedAlarm", "OutboxRelayParkedAlarm", "SweepLeftAlarm", "SweepFailedAlarm",
                "OutboxBacklogAlarm"]
    for function in functions:
        name = function.removesuffix("Function")
        expected += [name + "ErrorsAlarm", name + "ThrottlesAlarm"]
    for alarm in expected:
        check(alarm in alarms, "no alarm " + alarm)
    for id, alarm in alarms.items():
        check({"Ref": "AlarmTopic"} in alarm["Properties"].get("AlarmActions", []), id + " does not tell AlarmTopic")
    for id, queue in of_type("AWS::SQS::Queue").items():
        check(id + "Alarm" in alarms, "nothing watches queue " + id)

    # An alias per function, and what invokes a function invokes its alias.
    aliases = {r["Properties"]["FunctionName"]["Ref"]: id for id, r in of_type("AWS::Lambda::Alias").items()
               if r["Properties"].get("Name") == ALIAS}
    for function in functions:
        check(function in aliases, function + " has no alias " + ALIAS)
    alias_refs = [{"Ref": id} for id in aliases.values()]
    for id, mapping in of_type("AWS::Lambda::EventSourceMapping").items():
        check(mapping["Properties"]["FunctionName"] in alias_refs, id + " does not invoke an alias")
    for id, rule in of_type("AWS::Events::Rule").items():
        for target in rule["Properties"]["Targets"]:
            check(target["Arn"] in alias_refs, id + " does not target an alias")
    for id, permission in of_type("AWS::Lambda::Permission").items():
        check(permission["Properties"]["FunctionName"] in alias_refs, id + " lets something invoke a non-alias")

    # A canary per API route function, rolled back by the API's 5xx rate and the function's own errors.
    groups = of_type("AWS::CodeDeploy::DeploymentGroup")
    check(len(groups) == len(routes), f"{len(groups)} deployment groups for {len(routes)} route functions")
    five_xx_name = alarms.get("Api5xxRateAlarm", {}).get("Properties", {}).get("AlarmName")
    for function in routes:
        alias = resources.get(aliases.get(function), {})
        update = alias.get("UpdatePolicy", {}).get("CodeDeployLambdaAliasUpdate", {})
        group = groups.get(update.get("DeploymentGroupName", {}).get("Ref"))
        if group is None:
            failures.append(function + ": its alias is not deployed by a CodeDeploy deployment group")
            continue
        properties = group["Properties"]
        check(CANARY in str(properties.get("DeploymentConfigName")), function + " is not deployed " + CANARY)
        check(properties.get("AutoRollbackConfiguration", {}).get("Enabled") is True, function + ": no rollback")
        configuration = properties.get("AlarmConfiguration", {})
        names = [alarm["Name"] for alarm in configuration.get("Alarms", [])]
        check(configuration.get("Enabled") is True, function + ": its deployment watches no alarm")
        check(five_xx_name is not None and five_xx_name in names, function + ": not rolled back on the API's 5xx")
        errors = function.removesuffix("Function") + "ErrorsAlarm"
        check({"Ref": errors} in names, function + ": not rolled back on " + errors)

    # What outlives the stack, and for how long.
    for id, queue in of_type("AWS::SQS::Queue").items():
        check(queue.get("DeletionPolicy") == "Retain" and queue.get("UpdateReplacePolicy") == "Retain",
              "queue " + id + " is not retained")
        check(queue["Properties"].get("MessageRetentionPeriod") == FOURTEEN_DAYS, "queue " + id + " keeps < 14 days")
    for id, group in of_type("AWS::Logs::LogGroup").items():
        check(group.get("DeletionPolicy") == "Retain", "log group " + id + " is not retained")
    for id, table in of_type("AWS::DynamoDB::Table").items():
        check(table.get("DeletionPolicy") == "Retain", "table " + id + " is not retained")
        check(table["Properties"].get("DeletionProtectionEnabled") is True, "table " + id + " is not protected")
    check(len(of_type("AWS::Events::Archive")) == 1, "the event bus has no archive")

    # JSON logs into each function's own log group.
    for id, function in of_type("AWS::Lambda::Function").items():
        logging_config = function["Properties"].get("LoggingConfig", {})
        check(logging_config.get("LogFormat") == "JSON", id + " does not log JSON")
        check("LogGroup" in logging_config, id + " logs to Lambda's default log group")

    if failures:
        print("template checks failed:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print(f"{path} transformed: {len(alarms)} alarms, {len(aliases)} aliases '{ALIAS}' for {len(functions)}"
          f" functions, {len(groups)} {CANARY} deployment groups for {len(routes)} route functions,"
          f" {len(of_type('AWS::CloudWatch::Dashboard'))} dashboard, every invoker on an alias: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "template.yaml"))
