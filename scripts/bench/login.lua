-- wrk script: log in as the demo teacher, as the browser client does.
wrk.method = "POST"
wrk.body = "identifier=demo.teacher&password=Demo%402026&next=%2F"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
