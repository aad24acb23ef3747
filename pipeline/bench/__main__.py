from pipeline.bench.cli import app

app()
