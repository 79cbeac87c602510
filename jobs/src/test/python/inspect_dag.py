"""Describe an Airflow DAG file without importing Airflow: parse it and print JSON.

Usage: python3 inspect_dag.py DAG_FILE

The JSON lists the module's literal constants, the keyword arguments of every
SparkSubmitOperator call (literals as values, other expressions as source text), the
phase of each task variable assigned from phase_task("..."), and the task edges of
`a >> b >> c` statements. Exits with status 1 and a message on stderr when the file does
not parse or uses a construct this script does not understand.
"""

import ast
import json
import sys


def literal_or_source(node, constants):
    """Return the node's value where it is a literal or a constant, else its source text."""
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.List):
        return [literal_or_source(item, constants) for item in node.elts]
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.keys):
        return {k.value: literal_or_source(v, constants) for k, v in zip(node.keys, node.values)}
    try:
        return ast.literal_eval(node)
    except ValueError:
        return {"source": ast.unparse(node)}


def constants_of(tree):
    """Return the module-level NAME = value assignments whose value is literal in part."""
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            value = literal_or_source(node.value, constants)
            if not (isinstance(value, dict) and set(value) == {"source"}):
                constants[node.targets[0].id] = value
    return constants


def chain(node, tasks):
    """Return the task variables of an a >> b >> c expression, left to right."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        return chain(node.left, tasks) + chain(node.right, tasks)
    if isinstance(node, ast.Name) and node.id in tasks:
        return [node.id]
    raise SystemExit(f"unsupported dependency operand: {ast.unparse(node)}")


def main(path):
    with open(path, encoding="utf-8") as file:
        source = file.read()
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        print(f"{path}:{error.lineno}: {error.msg}", file=sys.stderr)
        return 1
    constants = constants_of(tree)

    operators = []
    tasks = {}
    edges = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "SparkSubmitOperator":
                operators.append({k.arg: literal_or_source(k.value, constants)
                                  for k in node.keywords})
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Name) \
                and node.value.func.id == "phase_task":
            tasks[node.targets[0].id] = ast.literal_eval(node.value.args[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.BinOp) \
                and isinstance(node.value.op, ast.RShift):
            names = chain(node.value, tasks)
            edges.extend([tasks[a], tasks[b]] for a, b in zip(names, names[1:]))

    json.dump({"constants": constants, "operators": operators,
               "phases": list(tasks.values()), "edges": edges}, sys.stdout, indent=1,
              default=str)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
