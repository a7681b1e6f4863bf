"""Build script: the editor package plus resources/ and content/ shipped inside it (metadata is in pyproject.toml)."""

from setuptools import find_packages, setup

# Data folders kept at the top of the checkout, installed as packages of their own (editor/bundled.py).
DATA = {"editor.resources": "resources", "editor.sample_content": "content"}

setup(
    packages=find_packages(include=["editor", "editor.*"]) + list(DATA),
    package_dir=DATA,
    package_data={name: ["**/*"] for name in DATA},
    include_package_data=False,
)
