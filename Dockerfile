FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY plugin ./plugin
COPY workers ./workers
RUN pip install --no-cache-dir . && useradd --system --no-create-home secondround
USER secondround
EXPOSE 3000
CMD ["gunicorn", "--bind", "0.0.0.0:3000", "--workers", "2", "plugin.web:create_app()"]
